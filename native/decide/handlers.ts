// The decision-support services behind one handler map: forecasts (records, alerts) and the
// tasks they recommend as drafts.
import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type { decideMethods, decidePushes } from '../api/decide.ts';
import type { Push } from '../api/index.ts';
import { PolderError } from '../api/errors.ts';
import type { Actor } from '../api/ops.ts';
import type { Clock } from '../clock/clock.ts';
import type { Logger } from '../logger.ts';
import type { CallContext } from '../rpc/handlers.ts';
import type { GridRetention } from './forecast-grids.ts';
import { createForecastService, type ForecastEngine, type ForecastServiceOptions } from './forecast-service.ts';
import { recommendationsFor } from './impact-rules.ts';
import { createRecommendations, type RecommendationOptions } from './recommendations.ts';
import { createReadingTrigger } from './reading-trigger.ts';
import { createWhatIf } from './whatif.ts';

type DecideMethod = keyof typeof decideMethods;
export type DecideHandlerMap = {
  [M in DecideMethod]: (args: z.output<(typeof decideMethods)[M]['args']>, ctx: CallContext) => z.output<(typeof decideMethods)[M]['result']> | Promise<z.output<(typeof decideMethods)[M]['result']>>;
};

export interface DecideOptions {
  db: Database;
  clock: Clock;
  logger: Pick<Logger, 'error'>;
  engine: () => ForecastEngine;
  defaultScenario: string | null;
  actor(ctx: CallContext): Actor;
  upsertAlert: ForecastServiceOptions['upsertAlert'];
  activity(by: Actor | 'system', text: string): void;
  createTask: RecommendationOptions['createTask'];
  departments(): readonly string[];
  push: <E extends keyof typeof decidePushes>(event: E, payload: Push[E]) => void;
  threads?: number;
  /** After a forecast on readings, how long later readings are gathered before one more runs on them all (the first reading after a quiet spell runs at once). */
  readingWindowMs?: number;
  gridRetention?: GridRetention;
}

export function createDecideHandlers(options: DecideOptions) {
  const recommendations = createRecommendations({
    db: options.db,
    clock: options.clock,
    actor: options.actor,
    createTask: options.createTask,
    departments: options.departments,
    activity: options.activity,
    changed: (ids) => options.push('recommendations.changed', { ids }),
  });
  const forecasts = createForecastService({
    db: options.db,
    clock: options.clock,
    engine: options.engine,
    upsertAlert: options.upsertAlert,
    activity: options.activity,
    logger: options.logger,
    defaultScenario: options.defaultScenario,
    ...(options.threads ? { threads: options.threads } : {}),
    ...(options.gridRetention ? { gridRetention: options.gridRetention } : {}),
    progress: (p) => options.push('forecast.progress', p),
    finished: (record) => options.push('forecast.finished', record),
    onCompleted: (record, alerts) => recommendations.draft(record.id, recommendationsFor(alerts)),
  });

  // live readings (the sensor ingest) call readings.reading(...): one forecast from the current state per window of readings
  const readings = createReadingTrigger({
    run: (args) => {
      try {
        forecasts.run(args, 'system', 'reading');
      } catch (err) {
        options.logger.error('a forecast on new readings could not start', err);
      }
    },
    base: { aheadMinutes: 60, members: 1, from: 'current', basis: 'persistence' },
    windowMs: options.readingWindowMs ?? 60_000,
  });
  const whatIf = createWhatIf({ forecasts, draft: (id, items) => recommendations.draft(id, items), activity: options.activity });

  const handlers: DecideHandlerMap = {
    'forecast.run': (args, ctx) => {
      const actor = options.actor(ctx);
      const { record } = forecasts.run(args, actor, 'request');
      options.activity(actor, `Forecast requested (${args.aheadMinutes} min ahead${args.members > 1 ? `, ${args.members} members` : ''})`);
      return record;
    },
    'forecast.cancel': ({ id }, ctx) => {
      const actor = options.actor(ctx);
      const record = forecasts.cancel(id);
      if (record.state === 'running') options.activity(actor, `Forecast ${id} cancelled`);
      return record;
    },
    'forecast.list': ({ limit }) => forecasts.list(limit),
    'forecast.skill': () => forecasts.skill(),
    'forecast.grids': ({ id }) => {
      const stored = forecasts.grids(id);
      if (!stored) throw new PolderError('not_found', forecasts.get(id) ? `The grids of forecast ${id} are not kept (it did not complete, or only the newest forecasts' grids are)` : `No forecast with id "${id}"`);
      const base64 = (grid: Float32Array) => Buffer.from(grid.buffer, grid.byteOffset, grid.byteLength).toString('base64');
      return { id, nx: stored.nx, ny: stored.ny, maxDepth: base64(stored.grids.maxDepth), arrival: base64(stored.grids.arrival), probability: base64(stored.grids.probability) };
    },
    ...recommendations.handlers,
    'whatif.run': ({ baseId, name, edits, closures }, ctx) => {
      const actor = options.actor(ctx);
      const { record } = whatIf.run(baseId, name, edits, actor, closures);
      const changes = edits.length + closures.length;
      options.activity(actor, `What-if run "${name}" started from forecast ${baseId} (${changes} change${changes === 1 ? '' : 's'}${closures.length > 0 ? `, ${closures.length} road closure${closures.length === 1 ? '' : 's'}` : ''})`);
      return record;
    },
    'whatif.compare': ({ baseId, otherId }) => {
      const diff = whatIf.compare(baseId, otherId);
      const { closures, alertsCovered } = whatIf.closuresOf(otherId);
      return { baseId, otherId, nx: diff.nx, ny: diff.ny, classes: Buffer.from(diff.classes).toString('base64'), counts: diff.counts, assets: diff.assets, alertsAvoided: diff.alertsAvoided, alertsAdded: diff.alertsAdded, closures, alertsCovered };
    },
    'whatif.rank': ({ baseId }, ctx) => whatIf.rank(baseId, options.actor(ctx)),
  };
  return {
    handlers,
    forecasts,
    recommendations,
    whatIf,
    readings,
    close: () => {
      readings.close();
      forecasts.close();
    },
  };
}
