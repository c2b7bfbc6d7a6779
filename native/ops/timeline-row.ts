import { decodeHlc } from './hlc.ts';
import { kindOf, type OpsEvent } from './event.ts';

/** One ICS 214 activity-log line; every event makes exactly one. */
export interface TimelineRow {
  event_id: string;
  hlc: string;
  at: number;
  actor: string;
  department: string | null;
  type: string;
  kind: string;
  entity: string;
  summary: string;
  text: string | null;
}

export function timelineRow(ev: OpsEvent): TimelineRow {
  return {
    event_id: ev.id,
    hlc: ev.hlc,
    at: decodeHlc(ev.hlc).wall,
    actor: ev.actor,
    department: ev.payload.dept ?? null,
    type: ev.type,
    kind: kindOf(ev.type),
    entity: ev.entity,
    summary: ev.payload.summary,
    text: ev.payload.text ?? null,
  };
}
