import type { Database } from 'better-sqlite3';
import type { ReplayState } from '../api/replay.ts';
import type { VirtualClock } from '../clock/virtual-clock.ts';
import { atVirtualTime, type Timers } from '../clock/virtual-timer.ts';
import type { Conflict } from '../ops/fold.ts';
import type { Projector } from '../ops/projector.ts';
import type { Recording } from '../record/format.ts';
import type { SensorCheckpoint, SensorService } from '../sensors/service.ts';
import { forecastMoments, writeForecastsAt } from './forecasts-at.ts';
import { firstAfter, scheduleOf } from './schedule.ts';

export interface ReplayOptions {
  /** The replay's own store, imported from the recording (its log holds every recorded event). */
  db: Database;
  projector: Projector;
  /** Tells the renderers what events applied while playing changed. */
  applied(result: { applied: string[]; conflicts: Conflict[] }): void;
  sensors: Pick<SensorService, 'receive' | 'flush' | 'reset' | 'checkpoint' | 'rewind'>;
  clock: VirtualClock;
  recording: Recording;
  /** Pushes the replay's state to the renderers. */
  push(state: ReplayState): void;
  /** The recommendations shown changed (these ids, before or after). */
  recommendationsChanged(ids: string[]): void;
  timers?: Timers;
}

/** Replay time between two checkpoints of the sensors' state: a seek back feeds them again from the last one, at most this much. */
export const checkpointEveryMs = 10 * 60_000;

/** HLC texts start with the wall time as 15 digits: every event at or before `t` sorts before this. */
const hlcAfter = (t: number) => String(Math.floor(t) + 1).padStart(15, '0');

/**
 * Drives a replay node from its virtual clock. The state at a time T is the recorded events with
 * an HLC wall time ≤ T folded in merge order, the sensor messages received by T re-published into
 * this node's own sensor service, and the forecasts as they stood at T. Playing applies forward in
 * small steps; a seek back takes back only what changed after T (or folds the log again when that
 * is less work) and feeds the sensors again from the last checkpoint before T; all reach the same state.
 */
export function createReplay(options: ReplayOptions) {
  const { db, projector, sensors, clock, recording } = options;
  const { from, to } = recording.window;
  const { events, payloads } = scheduleOf(recording);
  const moments = forecastMoments(recording).map((at) => ({ at }));
  // The next item of each list not yet applied, and the time everything up to is applied.
  let nextEvent = 0;
  let nextPayload = 0;
  /** Every sensor message received up to this time has been fed. */
  let fedAt = -Infinity;
  let forecastsShown = -1;
  let appliedAt = -Infinity;
  let seeks = 0;
  let lagMs = 0;
  let maxLagMs = 0;
  let pending: { cancel(): void } | null = null;
  let closed = false;
  /** The sensors' state at each checkpoint time passed (from + k × checkpointEveryMs, k ≥ 1): the recording never changes, so they stay valid. */
  const checkpoints = new Map<number, SensorCheckpoint>();
  const checkpointAtOrBefore = (t: number) => from + Math.floor((t - from) / checkpointEveryMs) * checkpointEveryMs;
  const checkpointAfter = (t: number) => checkpointAtOrBefore(Math.max(t, from)) + checkpointEveryMs;

  const clamp = (t: number) => Math.min(Math.max(t, from), to);
  // What a replay writes (projections, re-published readings, forecast rows) is rebuilt from the
  // recording whenever it starts: no need to wait for the disk at every commit (WAL stays intact).
  db.pragma('synchronous = NORMAL');

  function state(): ReplayState {
    return { from, to, at: clamp(clock.now()), playing: clock.playing, rate: clock.rate, seeks, lagMs, maxLagMs };
  }

  function showForecasts(t: number): void {
    const shown = firstAfter(moments, t);
    if (shown === forecastsShown) return;
    writeForecastsAt(db, recording, t);
    forecastsShown = shown;
    options.recommendationsChanged(recording.recommendations.map((r) => String(r.id)));
  }

  /**
   * Applies what lies in (appliedAt, t]; returns the earliest time among them (for the lag).
   * `notify`: tell the renderers what changed (while playing; after a seek they reload it all).
   */
  function advanceTo(t: number, notify: boolean): number | null {
    let earliest: number | null = null;
    const endEvent = firstAfter(events, t);
    if (endEvent > nextEvent) {
      earliest = events[nextEvent]!.at;
      // A jump over most of the log folds each entity once (a rebuild) rather than event by event.
      if (!notify && (endEvent - nextEvent) * 2 > endEvent) projector.rebuild(hlcAfter(t));
      else {
        const batch = events.slice(nextEvent, endEvent);
        const conflicts = db.transaction(() => batch.flatMap(({ event }) => projector.apply(event)))();
        if (notify) options.applied({ applied: batch.map((e) => e.event.id), conflicts });
      }
      nextEvent = endEvent;
    }
    const fedFrom = payloads[nextPayload]?.at;
    feedTo(t);
    if (fedFrom !== undefined && fedFrom <= t) earliest = Math.min(earliest ?? Infinity, fedFrom);
    showForecasts(t);
    appliedAt = t;
    return earliest;
  }

  /** Re-publishes the sensor messages received in (fedAt, t], taking a checkpoint at each checkpoint time on the way. */
  function feedTo(t: number): void {
    while (fedAt < t) {
      const next = checkpointAfter(fedAt);
      const upTo = Math.min(t, next);
      const end = firstAfter(payloads, upTo);
      for (let i = nextPayload; i < end; i++) sensors.receive(payloads[i]!.topic, payloads[i]!.raw, payloads[i]!.at);
      nextPayload = end;
      fedAt = upTo;
      if (upTo === next && !checkpoints.has(next)) checkpoints.set(next, sensors.checkpoint(next));
    }
  }

  /**
   * The state at `t`, earlier than what is applied: the projections taken back to the log up to t
   * (or folded again, when fewer events lie before t than after it), the sensors back to the last
   * checkpoint at or before t (or to none) and fed again from there.
   */
  function rewindTo(t: number): void {
    const endEvent = firstAfter(events, t);
    if (nextEvent - endEvent <= endEvent) projector.rewind(hlcAfter(t), events.slice(endEvent, nextEvent).map((e) => e.event.entity));
    else projector.rebuild(hlcAfter(t));
    nextEvent = endEvent;
    const checkpoint = checkpoints.get(checkpointAtOrBefore(t));
    if (checkpoint) {
      sensors.rewind(checkpoint);
      nextPayload = firstAfter(payloads, checkpoint.at);
      fedAt = checkpoint.at;
    } else {
      sensors.reset();
      nextPayload = 0;
      fedAt = -Infinity;
    }
    forecastsShown = -1;
    advanceTo(t, false);
    sensors.flush();
  }

  /** Plays forward to the clock, then waits for the next item (or the window's end). */
  function step(): void {
    pending = null;
    if (closed) return;
    const now = clock.now();
    const earliest = advanceTo(clamp(now), true);
    if (earliest !== null) {
      lagMs = Math.max(0, now - earliest);
      maxLagMs = Math.max(maxLagMs, lagMs);
    }
    if (now >= to) {
      clock.pause();
      clock.seek(to);
      sensors.flush();
      options.push(state());
      return;
    }
    arm();
  }

  function arm(): void {
    pending?.cancel();
    const next = Math.min(events[nextEvent]?.at ?? Infinity, payloads[nextPayload]?.at ?? Infinity, moments[forecastsShown]?.at ?? Infinity, to);
    pending = atVirtualTime(clock, next, step, options.timers);
  }

  function seek(at: number): ReplayState {
    pending?.cancel();
    pending = null;
    const t = clamp(at);
    clock.seek(t);
    if (t < appliedAt) rewindTo(t);
    else {
      advanceTo(t, false);
      sensors.flush();
    }
    seeks++;
    lagMs = 0;
    arm();
    const s = state();
    options.push(s);
    return s;
  }

  const changed = () => {
    const s = state();
    options.push(s);
    return s;
  };

  const start = clamp(clock.now());
  clock.seek(start);
  projector.rebuild(hlcAfter(start));
  nextEvent = firstAfter(events, start);
  sensors.reset();
  advanceTo(start, false);
  sensors.flush();
  arm();

  return {
    state,
    seek,
    play(): ReplayState {
      if (clock.now() >= to) seek(from);
      maxLagMs = 0;
      clock.play();
      return changed();
    },
    pause(): ReplayState {
      clock.pause();
      sensors.flush();
      return changed();
    },
    setRate(rate: number): ReplayState {
      clock.setRate(rate);
      return changed();
    },
    close(): void {
      closed = true;
      pending?.cancel();
      clock.pause();
    },
  };
}

export type Replay = ReturnType<typeof createReplay>;
