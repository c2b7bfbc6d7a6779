// Forecasts on demand (and, once readings arrive, on new readings): each is a record, runs in the
// engine's thread with progress and cancel, and ends by raising or updating one alert per asset
// at risk (never a second one) and by drafting the tasks it recommends.
import { basename } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import { PolderError } from '../api/errors.ts';
import type { ForecastAlert, ForecastRecord, ForecastRequest } from '../api/decide.ts';
import type { Actor, Area } from '../api/ops.ts';
import type { SimEdit } from '../api/sim.ts';
import type { Clock } from '../clock/clock.ts';
import type { Logger } from '../logger.ts';
import type { KeyedAlert } from '../ops/commands/alerts.ts';
import { uuidv7 } from '../ops/uuid.ts';
import type { ForecastOutcome } from '../../simulation/host/forecast.ts';
import type { HostEvent, HostRequest } from '../../simulation/host/protocol.ts';
import { createForecastGridStore, type GridRetention } from './forecast-grids.ts';
import { createForecastStore } from './forecast-store.ts';
import { gaugeSkill, type LevelPair } from './gauge-skill.ts';
import { alertDescription, alertTitle, impactAlerts, type ImpactAlert } from './impact-rules.ts';

/** The engine as the forecast service sees it: the app's engine host. */
export interface ForecastEngine {
  send(request: HostRequest): void;
  on(listener: (event: HostEvent) => void): () => void;
}

export type ForecastArgs = z.output<typeof ForecastRequest> & {
  /** What-if edits (a what-if run: no alerts, no drafts). */
  edits?: SimEdit[];
  /** Road segments a what-if closes: recorded with its inputs, no change to the water. */
  closures?: string[];
  name?: string | null;
  baseId?: string | null;
  /** Start from the same state as this earlier forecast (a what-if rerun). */
  fromForecast?: string;
};

export interface ForecastServiceOptions {
  /** The operations store's database (migration 011). */
  db: Database;
  clock: Clock;
  engine: () => ForecastEngine;
  upsertAlert(by: Actor | 'system', alert: KeyedAlert): { id: string; action: ForecastAlert['action'] };
  activity(by: Actor | 'system', text: string): void;
  /** Called with each completed forecast and the alerts it called for (not for what-if runs). */
  onCompleted?(record: ForecastRecord, alerts: ImpactAlert[]): void;
  /** Each forecast's progress, and its record once it has ended (the `forecast.*` pushes). */
  progress?(p: { id: string; fraction: number; member: number; members: number }): void;
  finished?(record: ForecastRecord): void;
  logger: Pick<Logger, 'error'>;
  /** The scenario forecasts run when none is named. */
  defaultScenario: string | null;
  threads?: number;
  /** How many forecasts' grids are kept on disk, and for how long (default: defaultGridRetention). */
  gridRetention?: GridRetention;
}

/** Gauge skill looks back this far (ms). */
const skillWindowMs = 3_600_000;

export function createForecastService(options: ForecastServiceOptions) {
  const { clock } = options;
  const store = createForecastStore(options.db);
  store.interruptStale(clock.now());
  const pending = new Map<string, { resolve: (r: ForecastRecord) => void; members: number; by: Actor | 'system'; args: ForecastArgs }>();
  const grids = createForecastGridStore(options.db, options.gridRetention);
  grids.prune(clock.now());
  /** Observed and modelled depths at the gauges in the last hour's forecasts (kept in memory: skill starts afresh on restart). */
  let levelPairs: LevelPair[] = [];
  let unsubscribe: (() => void) | null = null;

  const who = (by: Actor | 'system') => (by === 'system' ? 'system' : by.id);

  function finish(id: string, record: ForecastRecord | null): void {
    const waiter = pending.get(id);
    pending.delete(id);
    if (!record) return;
    options.finished?.(record);
    waiter?.resolve(record);
  }

  function raiseAlerts(record: { id: string; scenario: string }, called: ImpactAlert[]): ForecastAlert[] {
    return called.map((a) => {
      const area: z.infer<typeof Area> | null = a.lonLat ? { type: 'Point', coordinates: a.lonLat } : null;
      const { id, action } = options.upsertAlert('system', {
        source: 'model',
        title: alertTitle(a),
        description: alertDescription(a),
        severity: a.severity,
        urgency: a.urgency,
        certainty: a.certainty,
        area,
        dedupeKey: `forecast:${record.scenario}:${a.asset}`,
      });
      return { asset: a.asset, name: a.name, peakDepth: a.peakDepth, arrivalSeconds: a.arrivalSeconds, leadSeconds: a.leadSeconds, severity: a.severity, urgency: a.urgency, certainty: a.certainty, probability: a.probability, alertId: id, action };
    });
  }

  function onEvent(event: HostEvent): void {
    if (event.type === 'forecastProgress') {
      if (pending.has(event.id)) options.progress?.({ id: event.id, fraction: event.fraction, member: event.member, members: event.members });
      return;
    }
    if (event.type !== 'forecastDone' && event.type !== 'forecastEnded') return;
    const waiter = pending.get(event.id);
    if (!waiter) return;
    const now = clock.now();
    try {
      if (event.type === 'forecastEnded') {
        store.end(event.id, { state: event.outcome, endedAt: now, error: event.outcome === 'failed' ? event.message : null });
        options.activity(waiter.by, `Forecast ${event.outcome}${event.outcome === 'failed' ? `: ${event.message}` : ''}`);
        finish(event.id, store.get(event.id));
        return;
      }
      const { outcome } = event;
      grids.put(event.id, outcome, now);
      const whatIf = waiter.args.fromForecast !== undefined;
      const record = store.get(event.id)!;
      const called = whatIf ? [] : impactAlerts(outcome.impacts, waiter.members);
      const alerts = raiseAlerts(record, called);
      store.end(event.id, {
        state: 'completed',
        endedAt: now,
        startedFrom: event.startedFrom,
        startSeconds: outcome.startSeconds,
        endSeconds: outcome.endSeconds,
        wallSeconds: outcome.wallSeconds,
        impacts: outcome.impacts.map(({ id, name, kind, shape, lonLat, peakDepth, arrivalSeconds, leadSeconds, hazard, probability }) => ({ id, name, kind, shape, lonLat, peakDepth, arrivalSeconds, leadSeconds, hazard, probability })),
        alerts,
      });
      const done = store.get(event.id)!;
      if (outcome.assimilation.length > 0) {
        // the model's depth before the nudge is what it would have said without the gauge; depths
        // on the model's bed, as the engine converted the reading for the nudge
        levelPairs = [...levelPairs.filter((p) => p.time > now - skillWindowMs), ...outcome.assimilation.map((r) => ({ gauge: r.id, time: record.requestedAt, observed: r.observedDepth, modelled: r.depthBefore }))];
        const mean = (pick: (r: ForecastOutcome['assimilation'][number]) => number) => (outcome.assimilation.reduce((sum, r) => sum + Math.abs(pick(r) - r.observed), 0) / outcome.assimilation.length).toFixed(2);
        options.activity(waiter.by, `Forecast start nudged toward ${outcome.assimilation.length} gauge level(s): mean difference ${mean((r) => r.before)} m → ${mean((r) => r.after)} m`);
      }
      for (const gauge of outcome.assimilationSkipped ?? []) options.activity(waiter.by, `Forecast start not nudged toward gauge ${gauge.id}: ${gauge.reason}`);
      const count = (action: ForecastAlert['action']) => alerts.filter((a) => a.action === action).length;
      const ahead = Math.round((outcome.endSeconds - outcome.startSeconds) / 60);
      options.activity(
        waiter.by,
        whatIf
          ? `What-if run ${record.name ?? event.id} completed (${ahead} min ahead)`
          : `Forecast completed (${ahead} min ahead, ${waiter.members} member${waiter.members === 1 ? '' : 's'}, from ${event.startedFrom}): ${count('raised')} alert(s) raised, ${count('updated')} updated`,
      );
      if (!whatIf) options.onCompleted?.(done, called);
      finish(event.id, done);
    } catch (err) {
      options.logger.error('a forecast could not be recorded', err);
      store.end(event.id, { state: 'failed', endedAt: now, error: err instanceof Error ? err.message : String(err) });
      finish(event.id, store.get(event.id));
    }
  }

  return {
    /** Starts a forecast; `done` settles with its record once it has ended, however it ended. */
    run(args: ForecastArgs, by: Actor | 'system', trigger: ForecastRecord['trigger']): { record: ForecastRecord; done: Promise<ForecastRecord> } {
      const scenario = args.scenario ?? options.defaultScenario;
      if (!scenario) throw new PolderError('not_found', 'No scenario is loaded: name one to forecast');
      const engine = options.engine();
      unsubscribe ??= engine.on(onEvent);
      const id = uuidv7(clock.now());
      const { scenario: _s, name, baseId, ...rest } = args;
      // the pack as the engine was given it (a bundled name or a folder), so a what-if finds it again
      const inputs = { ...rest, scenario };
      store.start({ id, scenario: basename(scenario), requestedBy: who(by), requestedAt: clock.now(), trigger, inputs, name: name ?? null, baseId: baseId ?? null });
      const done = new Promise<ForecastRecord>((resolve) => pending.set(id, { resolve, members: args.members, by, args }));
      engine.send({
        type: 'forecast',
        id,
        scenario,
        from: args.from,
        ...(args.fromForecast ? { fromForecast: args.fromForecast } : {}),
        basis: args.basis,
        aheadSeconds: args.aheadMinutes * 60,
        members: args.members,
        ...(args.rain !== undefined ? { rain: args.rain } : {}),
        ...(args.inflows ? { inflows: args.inflows } : {}),
        ...(args.observations ? { observations: args.observations } : {}),
        edits: args.edits ?? [],
        ...(options.threads ? { threads: options.threads } : {}),
      });
      return { record: store.get(id)!, done };
    },
    cancel(id: string): ForecastRecord {
      const record = store.get(id);
      if (!record) throw new PolderError('not_found', `No forecast with id "${id}"`);
      if (record.state === 'running' && pending.has(id)) options.engine().send({ type: 'cancelForecast', id });
      return record;
    },
    list: (limit: number) => store.newest(limit),
    /** Bias and RMSE per gauge over the last hour. */
    skill: () => gaugeSkill(levelPairs, clock.now(), skillWindowMs),
    get: (id: string) => store.get(id),
    /** The grids of a completed forecast the retention still keeps. */
    grids: (id: string) => grids.get(id),
    close(): void {
      unsubscribe?.();
      unsubscribe = null;
      for (const id of pending.keys()) store.end(id, { state: 'interrupted', endedAt: clock.now() });
      pending.clear();
    },
  };
}

export type ForecastService = ReturnType<typeof createForecastService>;
