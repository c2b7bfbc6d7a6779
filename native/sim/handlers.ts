// The app's simulation handlers: one engine host (a worker thread by default), one run at a time.
// Each run is a record (who started it with what, its edits, how it ended) with its map frames on
// disk; frames, progress and the end are pushed to every renderer as the engine made them.
import { basename } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import { PolderError } from '../api/errors.ts';
import type { CallContext } from '../rpc/handlers.ts';
import type { Push } from '../api/index.ts';
import type { Actor } from '../api/ops.ts';
import type { simMethods, simPushes, SimEdit, SimFinished, SimFrame, SimRunRecord, SimStatus } from '../api/sim.ts';
import type { Clock } from '../clock/clock.ts';
import type { Logger } from '../logger.ts';
import { permissionRefusal, refuse, simSteerRefusal } from '../ops/permissions.ts';
import { uuidv7 } from '../ops/uuid.ts';
import { createSimulationHost, type SimulationHost } from '../../simulation/host/create-host.ts';
import type { FrameEvent, HostEvent, HostRequest } from '../../simulation/host/protocol.ts';
import { createFrameFiles } from './frame-files.ts';
import { latestWriter } from './latest-writer.ts';
import { createRunStore } from './run-store.ts';

type SimMethod = keyof typeof simMethods;
export type SimHandlerMap = {
  [M in SimMethod]: (args: z.output<(typeof simMethods)[M]['args']>, ctx: CallContext) => z.output<(typeof simMethods)[M]['result']> | Promise<z.output<(typeof simMethods)[M]['result']>>;
};
type SimPushEvent = keyof typeof simPushes;

export interface SimHandlersOptions {
  /** The folder holding scenarios/. */
  resourcesDir: string;
  push: <E extends SimPushEvent>(event: E, payload: Push[E]) => void;
  clock: Clock;
  /** The operations store's database (its migration 007 holds the run records). */
  db: Database;
  /** Where runs keep their map frames (the data folder's runs/). */
  runsDir: string;
  /** The signed-in actor of a call; throws when nobody is signed in. */
  actor(ctx: CallContext): Actor;
  /** Anyone in the directory, by id (a run's starter). */
  actorOf(id: string): Actor | null;
  /** One line in the activity log, by an actor or the system (a run that ends by itself). */
  activity(by: Actor | 'system', text: string): void;
  logger: Pick<Logger, 'error'>;
  /** The scenario `sim.start` runs when none is named (the app's scenario). */
  defaultScenario?: string | null;
  /** Where the engine runs; tests and the desktop app may pass their own host. */
  createHost?: () => SimulationHost;
  /** Runs whose frames stay on disk (the newest); older runs keep their records only. */
  keepRunGrids?: number;
}

type Waiter = { match: (e: HostEvent) => boolean; resolve: (e: HostEvent) => void };

const minutes = (seconds: number) => (seconds >= 120 ? `${Math.round(seconds / 60)} min` : `${Math.round(seconds)} s`);

export function createSimHandlers(options: SimHandlersOptions): { handlers: SimHandlerMap; engine(): SimulationHost; close(): Promise<void> } {
  const { push, clock } = options;
  const runs = createRunStore(options.db);
  const frames = createFrameFiles(options.runsDir);
  const writer = latestWriter(frames.write, (err) => options.logger.error('a simulation frame could not be kept on disk', err));
  runs.interruptStale(clock.now());

  let host: SimulationHost | null = null;
  const waiters: Waiter[] = [];
  const last = runs.newest(1)[0] ?? null;
  let status: SimStatus = {
    state: 'idle',
    scenario: last?.scenario ?? null,
    time: last?.finished?.simulatedSeconds ?? 0,
    durationSeconds: last?.args.durationSeconds ?? null,
    steps: last?.finished?.steps ?? 0,
    scheme: last?.args.scheme ?? null,
    run: last,
  };
  /** The current run's newest frame, served without a disk read. */
  let latest: SimFrame | null = null;
  let stopper: Actor | null = null;
  /** Who asked for each edit still on its way to the engine. */
  const editors: { edit: SimEdit; actor: Actor }[] = [];

  const refresh = () => {
    status = { ...status, run: status.run ? runs.get(status.run.id) : null };
  };

  const frameOf = (runId: string, event: Omit<FrameEvent, 'type'>): SimFrame => ({
    runId,
    time: event.time,
    durationSeconds: event.durationSeconds,
    ...event.view,
    probes: event.probes,
    assets: event.assets,
  });

  const showFrame = (frame: SimFrame) => {
    latest = frame;
    writer.offer(frame);
    push('sim.frame', frame);
  };

  const waitFor = (match: (e: HostEvent) => boolean) => new Promise<HostEvent>((resolve) => waiters.push({ match, resolve }));

  function endRun(finished: SimFinished): void {
    const run = status.run;
    if (!run) return;
    const state = finished.outcome;
    runs.end(run.id, state, clock.now(), stopper?.id ?? null, finished);
    const by = stopper ?? 'system';
    stopper = null;
    const text =
      state === 'stopped'
        ? `Simulation of ${run.scenario} stopped at ${minutes(finished.simulatedSeconds)}`
        : state === 'completed'
          ? `Simulation of ${run.scenario} completed (${minutes(finished.simulatedSeconds)} simulated)`
          : `Simulation of ${run.scenario} failed: ${finished.error ?? 'unknown error'}`;
    try {
      options.activity(by, text);
    } catch (err) {
      options.logger.error('the end of a simulation run could not be logged', err);
    }
    refresh();
  }

  function onEvent(event: HostEvent): void {
    const runId = status.run?.id ?? '';
    switch (event.type) {
      case 'started':
        status = { ...status, state: 'running', scenario: event.scenario, durationSeconds: event.durationSeconds, scheme: event.scheme };
        if (status.run) runs.nameScenario(status.run.id, event.scenario);
        refresh();
        break;
      case 'progress':
        status = { ...status, time: event.time, steps: event.steps };
        push('sim.progress', { time: event.time, durationSeconds: event.durationSeconds, steps: event.steps, wallSeconds: event.wallSeconds, massErrorPercent: event.massErrorPercent });
        break;
      case 'frame':
        status = { ...status, time: event.time };
        showFrame(frameOf(runId, event));
        break;
      case 'edited': {
        const k = editors.findIndex((e) => e.edit.kind === event.edit.kind && e.edit.id === event.edit.id);
        const by = k >= 0 ? editors.splice(k, 1)[0]!.actor : null;
        if (status.run && by) {
          runs.addEdit(status.run.id, event.edit as SimEdit, by.id, clock.now());
          refresh();
        }
        break;
      }
      case 'paused':
        status = { ...status, state: 'paused', time: event.time };
        break;
      case 'resumed':
        status = { ...status, state: 'running' };
        break;
      case 'finished': {
        const s = event.summary;
        if (!latest || event.final.time > latest.time + 1e-9) showFrame(frameOf(runId, event.final));
        const finished: SimFinished = {
          runId,
          outcome: s.stopped ? 'stopped' : 'completed',
          error: null,
          scenario: s.scenario,
          simulatedSeconds: s.simulatedSeconds,
          wallSeconds: s.wallSeconds,
          steps: s.steps,
          massErrorPercent: s.massErrorPercent,
          probes: s.probes,
          observationMeanAbsError: s.observationMeanAbsError,
          assets: event.assets,
        };
        status = { ...status, state: 'idle', time: s.simulatedSeconds, steps: s.steps };
        endRun(finished);
        push('sim.finished', finished);
        break;
      }
      case 'error':
        if (status.state !== 'idle' && status.state !== 'loading') {
          const finished: SimFinished = { runId, outcome: 'failed', error: event.message, scenario: status.scenario, simulatedSeconds: status.time, wallSeconds: 0, steps: status.steps, massErrorPercent: 0, probes: [], observationMeanAbsError: null, assets: [] };
          status = { ...status, state: 'idle' };
          endRun(finished);
          push('sim.finished', finished);
        }
        break;
      default:
        break;
    }
    for (const w of [...waiters]) {
      if (w.match(event)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(event);
      }
    }
  }

  function ensureHost(): SimulationHost {
    if (!host) {
      host = options.createHost ? options.createHost() : createSimulationHost({ resourcesDir: options.resourcesDir });
      host.on(onEvent);
    }
    return host;
  }

  const send = (request: HostRequest) => ensureHost().send(request);
  const starterOf = (run: SimRunRecord) => options.actorOf(run.startedBy) ?? { id: run.startedBy, name: run.startedBy };
  const keepGrids = options.keepRunGrids ?? 20;

  const handlers: SimHandlerMap = {
    'sim.start': async (args, ctx) => {
      const actor = options.actor(ctx);
      refuse(permissionRefusal(actor, 'sim.run'));
      if (status.state !== 'idle') throw new PolderError('conflict', `A simulation is already ${status.state}: stop it first`);
      const scenario = args.scenario ?? options.defaultScenario;
      if (!scenario) throw new PolderError('not_found', 'No scenario is loaded: name one to simulate');
      const id = uuidv7(clock.now());
      runs.start({
        id,
        scenario: basename(scenario),
        startedBy: actor.id,
        startedAt: clock.now(),
        args: { durationSeconds: args.durationSeconds ?? null, frameIntervalSeconds: args.frameIntervalSeconds, threads: args.threads ?? null, scheme: args.scheme ?? null },
      });
      status = { state: 'loading', scenario, time: 0, durationSeconds: args.durationSeconds ?? null, steps: 0, scheme: args.scheme ?? null, run: runs.get(id) };
      latest = null;
      stopper = null;
      void frames.prune(new Set(runs.newest(keepGrids).map((r) => r.id))).catch((err) => options.logger.error('old simulation grids could not be removed', err));
      const reply = waitFor((e) => e.type === 'started' || e.type === 'error' || e.type === 'finished');
      send({ type: 'start', scenario, durationSeconds: args.durationSeconds, frameIntervalSeconds: args.frameIntervalSeconds, threads: args.threads, scheme: args.scheme });
      const event = await reply;
      if (event.type === 'error') {
        runs.end(id, 'failed', clock.now(), null, null);
        status = { ...status, state: 'idle' };
        refresh();
        throw new PolderError('unavailable', event.message);
      }
      options.activity(actor, `Simulation of ${status.scenario} started (${minutes(status.durationSeconds ?? 0)}, a frame every ${minutes(args.frameIntervalSeconds)})`);
      return status;
    },
    'sim.stop': async (_args, ctx) => {
      const actor = options.actor(ctx);
      if (status.state === 'idle' || !status.run) return status;
      refuse(simSteerRefusal(actor, starterOf(status.run)));
      stopper = actor;
      const done = waitFor((e) => e.type === 'finished' || e.type === 'error');
      send({ type: 'stop' });
      await done;
      return status;
    },
    'sim.status': () => status,
    'sim.results': async ({ time }) => {
      const run = status.run;
      if (!run) return null;
      if (latest && latest.runId === run.id && (time === undefined || time >= latest.time)) return latest;
      // Frames still on their way to the disk (two at most) first.
      await writer.idle();
      return await frames.read(run.id, time ?? null);
    },
    'sim.edit': async ({ edit }, ctx) => {
      const actor = options.actor(ctx);
      if (status.state === 'idle' || !status.run) throw new PolderError('illegal_transition', 'No simulation is running');
      refuse(simSteerRefusal(actor, starterOf(status.run)));
      const sameEdit = (other: SimEdit | { kind: string; id: string }) => other.kind === edit.kind && other.id === edit.id;
      const reply = waitFor((e) => ((e.type === 'edited' || e.type === 'editRejected') && sameEdit(e.edit)) || e.type === 'finished');
      editors.push({ edit, actor });
      send({ type: 'edit', edit });
      const event = await reply;
      if (event.type === 'editRejected') {
        editors.splice(editors.findIndex((e) => e.edit === edit), 1);
        throw new PolderError('invalid_args', event.message);
      }
      if (event.type === 'finished') throw new PolderError('illegal_transition', 'The simulation ended before the change applied');
      return { ok: true as const };
    },
  };

  return {
    handlers,
    /** The engine host (started on first use), shared with the forecasts. */
    engine: ensureHost,
    async close() {
      await host?.close();
      host = null;
      await writer.idle();
    },
  };
}

export type SimHandlers = ReturnType<typeof createSimHandlers>;
