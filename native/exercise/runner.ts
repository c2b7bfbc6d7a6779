import { PolderError } from '../api/errors.ts';
import type { Actor } from '../api/ops.ts';
import { injectEvents, type ExerciseState, type Inject, type InjectDelayedFields, type InjectDeliveredFields, type InjectDraft, type InjectPlan, type InjectPlannedFields, type InjectSkippedFields } from '../api/exercise.ts';
import type { Json } from '../ops/event.ts';
import type { VirtualClock } from '../clock/virtual-clock.ts';
import { atVirtualTime } from '../clock/virtual-timer.ts';
import type { Logger } from '../logger.ts';
import type { OpsService } from '../ops/service.ts';
import { uuidv7 } from '../ops/uuid.ts';
import { deliverInject, type ReadingSink } from './deliver.ts';
import { createInjectStore } from './inject-store.ts';
import type { Msel } from './msel.ts';

export interface ExerciseRunnerOptions {
  exerciseId: string;
  msel: Msel;
  clock: VirtualClock;
  ops: OpsService;
  readings: ReadingSink;
  logger: Logger;
  /** Injects or the clock changed (the `exercise.changed` push). */
  changed(ids: string[]): void;
}

/**
 * Runs an MSEL on the exercise clock: plans every row once as an `inject.planned` event, then
 * delivers each pending inject when the clock reaches its time, re-arming on delay. The log is
 * the state: a restart on the same data folder picks up where the exercise was.
 */
export function startExerciseRunner(options: ExerciseRunnerOptions) {
  const { clock, ops, logger } = options;
  const store = createInjectStore(ops.store.db);
  const timers = new Map<string, { cancel(): void }>();
  const stopAnomalies: (() => void)[] = [];

  const write = (by: Actor | 'system', inject: Pick<Inject, 'id' | 'department'>, type: string, set: Record<string, Json>, summary: string, text?: string) => {
    ops.core.write(by, [{ type, entity: inject.id, payload: { set, summary, dept: inject.department ?? 'eoc', ...(text === undefined ? {} : { text }) } }]);
    options.changed([inject.id]);
  };

  const plan = (by: Actor | 'system', plans: readonly InjectPlan[], insertedBy: string | null): string[] => {
    const events = ops.core.write(by, plans.map((p) => plannedEvent(uuidv7(clock.now()), p, insertedBy)));
    return events.map((e) => e.entity);
  };

  function deliver(id: string): void {
    timers.delete(id);
    const inject = store.get(id);
    if (!inject || inject.status !== 'pending') return;
    try {
      const { alertId, stop } = deliverInject(inject, { clock, ops, readings: options.readings });
      if (stop) stopAnomalies.push(stop);
      const late = Math.max(0, clock.now() - inject.at);
      write('system', inject, injectEvents.delivered, { status: 'delivered', deliveredAt: clock.now(), alertId } satisfies InjectDeliveredFields, deliveredSummary(inject) + (late >= 60_000 ? ` (${Math.round(late / 60_000)} min late)` : ''));
    } catch (err) {
      logger.error(`exercise inject ${inject.number} could not be delivered`, err);
    }
  }

  const arm = (inject: Inject) => {
    timers.get(inject.id)?.cancel();
    timers.set(inject.id, atVirtualTime(clock, inject.at, () => deliver(inject.id)));
  };

  const pendingOf = (id: string): Inject => {
    const inject = store.get(id);
    if (!inject) throw new PolderError('not_found', `No inject with id "${id}"`);
    if (inject.status !== 'pending') throw new PolderError('illegal_transition', `Inject ${inject.number} was already ${inject.status}`);
    return inject;
  };

  if (store.count() === 0) plan('system', options.msel.injects, null);
  // A restarted exercise resumes where its last delivery left the clock, not at STARTEX.
  const resumeAt = Math.max(...store.list().map((i) => i.deliveredAt ?? -Infinity));
  if (resumeAt > clock.now()) clock.seek(resumeAt);
  for (const inject of store.list()) if (inject.status === 'pending') arm(inject);
  const offClock = clock.onChange(() => options.changed([]));

  return {
    state(): ExerciseState {
      return { exerciseId: options.exerciseId, start: options.msel.start, clock: { now: clock.now(), mode: clock.mode, rate: clock.rate, playing: clock.playing }, injects: store.list() };
    },
    insert(by: Actor, draft: InjectDraft & { department: string | null }): Inject {
      if (draft.method === 'alert' && !draft.alert) throw new PolderError('invalid_args', 'An alert inject needs its severity, urgency and certainty');
      if (draft.method === 'sensor' && !draft.sensor) throw new PolderError('invalid_args', 'A sensor-anomaly inject needs its sensor, anomaly, value and minutes');
      const number = `X${store.list().filter((i) => i.insertedBy !== null).length + 1}`;
      const [id] = plan(by, [{
        number, at: Math.max(draft.at ?? clock.now(), clock.now()), method: draft.method, from: draft.from ?? 'Controller', to: draft.to, department: draft.department,
        synopsis: draft.synopsis, expectedAction: draft.expectedAction ?? '', objective: draft.objective ?? '', controller: by.name, evaluatorNotes: '',
        alert: draft.method === 'alert' ? (draft.alert ?? null) : null, sensor: draft.method === 'sensor' ? (draft.sensor ?? null) : null,
      }], by.id);
      options.changed([id!]);
      const inject = store.get(id!)!;
      arm(inject);
      return inject;
    },
    delay(by: Actor, id: string, minutes: number): Inject {
      const inject = pendingOf(id);
      const at = Math.max(inject.at, clock.now()) + minutes * 60_000;
      write(by, inject, injectEvents.delayed, { at } satisfies InjectDelayedFields, `Inject ${inject.number} delayed ${minutes} min by ${by.name}`);
      arm(store.get(id)!);
      return store.get(id)!;
    },
    skip(by: Actor, id: string, reason: string | null): Inject {
      const inject = pendingOf(id);
      timers.get(id)?.cancel();
      timers.delete(id);
      write(by, inject, injectEvents.skipped, { status: 'skipped', skipReason: reason } satisfies InjectSkippedFields, `Inject ${inject.number} skipped by ${by.name}${reason ? `: ${reason}` : ''}`);
      return store.get(id)!;
    },
    note(by: Actor, id: string, text: string): Inject {
      const inject = store.get(id);
      if (!inject) throw new PolderError('not_found', `No inject with id "${id}"`);
      write(by, inject, injectEvents.noted, {}, `Evaluator note on inject ${inject.number} by ${by.name}: ${clip(text)}`, text);
      return store.get(id)!;
    },
    close() {
      offClock();
      for (const t of timers.values()) t.cancel();
      timers.clear();
      for (const stop of stopAnomalies) stop();
    },
  };
}

export type ExerciseRunner = ReturnType<typeof startExerciseRunner>;

function plannedEvent(id: string, p: InjectPlan, insertedBy: string | null) {
  const set: InjectPlannedFields = { ...p, status: 'pending', plannedAt: p.at, insertedBy, deliveredAt: null, alertId: null, skipReason: null };
  return {
    type: insertedBy ? injectEvents.inserted : injectEvents.planned,
    entity: id,
    // Trainees read the activity log too: the line names the inject, not what it will say.
    payload: { create: true as const, set, summary: `Exercise inject ${p.number} ${insertedBy ? 'inserted' : 'planned'} (${p.method})`, dept: p.department ?? 'eoc' },
  };
}

function deliveredSummary(inject: Inject): string {
  const what = inject.method === 'alert' ? 'Alert' : inject.method === 'message' ? 'Message' : 'Sensor anomaly';
  return `Exercise inject ${inject.number} — ${what} from ${inject.from || 'SimCell'} to ${inject.to || 'all'}: ${clip(inject.synopsis)}`;
}

const clip = (s: string, n = 300) => (s.length > n ? `${s.slice(0, n)}…` : s);
