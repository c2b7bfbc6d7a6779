// What a replay applies, in order, and when: README "Replay" documents the times chosen.
import type { EventPayload, OpsEvent } from '../ops/event.ts';
import { decodeHlc } from '../ops/hlc.ts';
import type { Recording } from '../record/format.ts';
import { acceptedRow, quarantinedRow } from '../record/sensor-rows.ts';
import { compactTopic, observationsTopic } from '../sensors/payload.ts';

export interface ScheduledEvent {
  /** The wall-clock part of the event's HLC: when the log ordered it, as every node merged it. */
  at: number;
  event: OpsEvent;
}

/** A sensor message as the node received it: re-published at its recorded receive time. */
export interface ScheduledPayload {
  at: number;
  topic: string;
  raw: Buffer;
}

export interface Schedule {
  events: ScheduledEvent[];
  payloads: ScheduledPayload[];
}

/** The topic an accepted reading came on: the compact gateway form names its datastream in `ds`. */
function topicOf(sensorId: string, raw: Buffer): string {
  try {
    const body = JSON.parse(raw.toString('utf8')) as unknown;
    if (typeof body === 'object' && body !== null && 'ds' in body) return compactTopic;
  } catch {
    // Accepted readings parsed as JSON when they arrived; a row that does not is re-published as is and quarantined again.
  }
  return observationsTopic(sensorId);
}

/** The recording's events in merge order (HLC, then id) and its sensor messages in receive order, each with its replay time. */
export function scheduleOf(rec: Recording): Schedule {
  const events = rec.events
    .map((e) => ({ at: decodeHlc(e.hlc).wall, event: { ...e, payload: JSON.parse(e.payload) as EventPayload } }))
    .sort((a, b) => (a.event.hlc < b.event.hlc ? -1 : a.event.hlc > b.event.hlc ? 1 : a.event.id < b.event.id ? -1 : 1));
  const payloads: ScheduledPayload[] = [
    ...(rec.sensorObservations ?? []).map((row) => {
      const r = acceptedRow(row);
      return { at: r.receivedAt, topic: topicOf(r.sensorId, r.raw), raw: r.raw };
    }),
    ...(rec.sensorQuarantine ?? []).map((row) => {
      const q = quarantinedRow(row);
      return { at: q.receivedAt, topic: q.topic, raw: q.raw };
    }),
  ];
  // A stable sort: messages received in the same millisecond keep the recording's order.
  payloads.sort((a, b) => a.at - b.at);
  return { events, payloads };
}

/** The index of the first item later than `t` (items sorted by `at`). */
export function firstAfter(items: readonly { at: number }[], t: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid]!.at <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
