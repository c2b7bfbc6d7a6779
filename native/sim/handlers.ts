// The app's simulation handlers: one engine host (a worker thread by default), one run at a
// time, progress / frames / the end pushed to every renderer.
import type { z } from 'zod';
import { PolderError } from '../api/errors.ts';
import type { Push } from '../api/index.ts';
import type { simMethods, simPushes, SimEdit, SimResults, SimResultView, SimStatus } from '../api/sim.ts';
import { createSimulationHost, type SimulationHost } from '../../simulation/host/create-host.ts';
import type { HostEvent, HostRequest, ResultGrids } from '../../simulation/host/protocol.ts';
import { depthImage } from './depth-image.ts';
import { createResultHistory, type ResultHistory } from './result-grids.ts';

type SimMethod = keyof typeof simMethods;
export type SimHandlerMap = {
  [M in SimMethod]: (args: z.output<(typeof simMethods)[M]['args']>) => z.output<(typeof simMethods)[M]['result']> | Promise<z.output<(typeof simMethods)[M]['result']>>;
};
type SimPushEvent = keyof typeof simPushes;

export interface SimHandlersOptions {
  /** The folder holding scenarios/. */
  resourcesDir: string;
  push: <E extends SimPushEvent>(event: E, payload: Push[E]) => void;
  /** The scenario `sim.start` runs when none is named (the app's scenario). */
  defaultScenario?: string | null;
  /** Where the engine runs; tests and the desktop app may pass their own host. */
  createHost?: () => SimulationHost;
}

type Waiter = { match: (e: HostEvent) => boolean; resolve: (e: HostEvent) => void };

export function createSimHandlers(options: SimHandlersOptions): { handlers: SimHandlerMap; close(): Promise<void> } {
  const { push } = options;
  let host: SimulationHost | null = null;
  const waiters: Waiter[] = [];
  let status: SimStatus = { state: 'idle', scenario: null, time: 0, durationSeconds: null, steps: 0, scheme: null };
  // The run's arrival and hazard results for `sim.results`; the latest of each view encoded once per update.
  let history: ResultHistory | null = null;
  let latest: Partial<Record<SimResultView, Promise<SimResults>>> = {};
  const keepResults = (grids: ResultGrids) => {
    history ??= createResultHistory(grids.nx, grids.ny);
    history.record(grids);
    latest = {};
  };

  const waitFor = (match: (e: HostEvent) => boolean) => new Promise<HostEvent>((resolve) => waiters.push({ match, resolve }));

  function onEvent(event: HostEvent): void {
    switch (event.type) {
      case 'started':
        status = { ...status, state: 'running', scenario: event.scenario, durationSeconds: event.durationSeconds, scheme: event.scheme };
        break;
      case 'progress':
        status = { ...status, time: event.time, steps: event.steps };
        push('sim.progress', { time: event.time, durationSeconds: event.durationSeconds, steps: event.steps, wallSeconds: event.wallSeconds, massErrorPercent: event.massErrorPercent });
        break;
      case 'frame':
        status = { ...status, time: event.time };
        keepResults({ time: event.time, nx: event.nx, ny: event.ny, arrival: event.arrival, hazard: event.hazard });
        push('sim.frame', { time: event.time, ...depthImage(event.depth, event.nx, event.ny), probes: event.probes, assets: event.assets });
        break;
      case 'paused':
        status = { ...status, state: 'paused', time: event.time };
        break;
      case 'resumed':
        status = { ...status, state: 'running' };
        break;
      case 'finished': {
        const s = event.summary;
        keepResults(event.results);
        push('sim.finished', {
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
        });
        status = { ...status, state: 'idle', time: s.simulatedSeconds, steps: s.steps };
        break;
      }
      case 'error':
        if (status.state !== 'idle') {
          push('sim.finished', { outcome: 'failed', error: event.message, scenario: status.scenario, simulatedSeconds: status.time, wallSeconds: 0, steps: status.steps, massErrorPercent: 0, probes: [], observationMeanAbsError: null, assets: [] });
          status = { ...status, state: 'idle' };
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

  const handlers: SimHandlerMap = {
    'sim.start': async (args) => {
      if (status.state !== 'idle') throw new PolderError('conflict', `A simulation is already ${status.state}: stop it first`);
      const scenario = args.scenario ?? options.defaultScenario;
      if (!scenario) throw new PolderError('not_found', 'No scenario is loaded: name one to simulate');
      status = { state: 'loading', scenario, time: 0, durationSeconds: args.durationSeconds ?? null, steps: 0, scheme: args.scheme ?? null };
      history = null;
      latest = {};
      const reply = waitFor((e) => e.type === 'started' || e.type === 'error' || e.type === 'finished');
      send({ type: 'start', scenario, durationSeconds: args.durationSeconds, frameIntervalSeconds: args.frameIntervalSeconds, threads: args.threads, scheme: args.scheme });
      const event = await reply;
      if (event.type === 'error') throw new PolderError('unavailable', event.message);
      return status;
    },
    'sim.stop': async () => {
      if (status.state === 'idle') return status;
      const done = waitFor((e) => e.type === 'finished' || e.type === 'error');
      send({ type: 'stop' });
      await done;
      return status;
    },
    'sim.status': () => status,
    'sim.results': async ({ view, time }) => {
      if (!history) return null;
      const duration = status.durationSeconds ?? history.time;
      if (time !== undefined && time < history.time) return await history.encode(view, time, duration);
      latest[view] ??= history.encode(view, null, duration);
      return await latest[view];
    },
    'sim.edit': async ({ edit }) => {
      if (status.state === 'idle') throw new PolderError('illegal_transition', 'No simulation is running');
      const sameEdit = (other: SimEdit | { kind: string; id: string }) => other.kind === edit.kind && other.id === edit.id;
      const reply = waitFor((e) => ((e.type === 'edited' || e.type === 'editRejected') && sameEdit(e.edit)) || e.type === 'finished');
      send({ type: 'edit', edit });
      const event = await reply;
      if (event.type === 'editRejected') throw new PolderError('invalid_args', event.message);
      if (event.type === 'finished') throw new PolderError('illegal_transition', 'The simulation ended before the change applied');
      return { ok: true as const };
    },
  };

  return {
    handlers,
    async close() {
      await host?.close();
      host = null;
    },
  };
}

export type SimHandlers = ReturnType<typeof createSimHandlers>;
