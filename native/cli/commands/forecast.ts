import { availableParallelism } from 'node:os';
import { systemClock } from '../../clock/clock.ts';
import { createDecideHandlers } from '../../decide/handlers.ts';
import type { Logger } from '../../logger.ts';
import { openOpsService } from '../../ops/service.ts';
import { repoPaths } from '../../paths.ts';
import { createSimulationHost } from '../../../simulation/host/create-host.ts';
import { resolveScenarioDir } from '../../../simulation/scenario/summary.ts';
import { integerFlag, parseFlags, UsageError, type CliIo, type Command } from '../command.ts';
import { dataDirFlag, resolveDataDir } from '../data-dir.ts';

const minutes = (s: number | null) => (s === null ? '—' : `${(s / 60).toFixed(1)} min`);

export const forecastCommand: Command = {
  name: 'forecast',
  summary: 'forecast the flood ahead, raise alerts for the assets it reaches and draft the tasks it recommends',
  usage: 'polder forecast --scenario <dir|name> [--ahead min] [--ensemble n] [--basis scenario|persistence] [--threads n] [--json] [--data-dir <path>]',
  async run(argv, io: CliIo) {
    const { values } = parseFlags(argv, {
      scenario: { type: 'string' },
      ahead: { type: 'string' },
      ensemble: { type: 'string' },
      basis: { type: 'string' },
      threads: { type: 'string' },
      json: { type: 'boolean' },
      ...dataDirFlag,
    });
    if (!values.scenario) throw new UsageError('--scenario <dir|name> is required');
    const ahead = values.ahead === undefined ? 60 : Number(values.ahead);
    if (!Number.isFinite(ahead) || ahead <= 0 || ahead > 24 * 60) throw new UsageError(`--ahead must be a number of minutes from 1 to 1440, got "${values.ahead}"`);
    const members = integerFlag('ensemble', values.ensemble, 1, 1, 20);
    const threads = integerFlag('threads', values.threads, Math.min(availableParallelism(), 8), 1, 64);
    if (values.basis !== undefined && values.basis !== 'scenario' && values.basis !== 'persistence') throw new UsageError(`--basis must be scenario or persistence, got "${values.basis}"`);
    const basis = values.basis ?? 'scenario';
    const json = values.json ?? false;
    const scenario = resolveScenarioDir(values.scenario, repoPaths.resources);
    const dataDir = resolveDataDir(values['data-dir'], io.env);

    const clock = systemClock();
    const logger: Logger = { info() {}, warn: (m) => io.err(`warning: ${m}`), error: (m, err) => io.err(`error: ${m}${err instanceof Error ? `: ${err.message}` : ''}`) };
    const ops = openOpsService({ dataDir, clock, push: { emit() {} }, logger, backupEveryMs: 0 });
    let shown = -1;
    const host = createSimulationHost({ resourcesDir: repoPaths.resources });
    const decide = createDecideHandlers({
      db: ops.store.db,
      clock,
      logger,
      engine: () => host,
      defaultScenario: scenario,
      actor: ops.actor,
      upsertAlert: ops.upsertAlert,
      activity: ops.logActivity,
      createTask: (args, ctx) => ops.handlers['tasks.create']({ ...args, dueAt: null, location: null, alertId: null, incidentId: null }, ctx),
      departments: () => ops.directory.departments.map((d) => d.id),
      push: (event, payload) => {
        if (event !== 'forecast.progress' || json) return;
        const p = payload as { fraction: number; member: number; members: number };
        const tenth = Math.floor(p.fraction * 10);
        if (tenth <= shown) return;
        shown = tenth;
        io.out(`forecast ${tenth * 10}% (member ${p.member} of ${p.members})`);
      },
      threads,
    });
    try {
      const { record, done } = decide.forecasts.run({ scenario, aheadMinutes: ahead, members, from: 'start', basis }, 'system', 'cli');
      void io.stopRequested.then(() => decide.forecasts.cancel(record.id));
      const result = await done;
      if (result.state !== 'completed') {
        io.err(`the forecast ${result.state}${result.error ? `: ${result.error}` : ''}`);
        return 1;
      }
      const alerts = result.alerts ?? [];
      if (json) {
        io.out(JSON.stringify({
          forecast: result.id,
          scenario: result.scenario,
          startedFrom: result.startedFrom,
          startSeconds: result.startSeconds,
          endSeconds: result.endSeconds,
          members,
          alerts: alerts.map(({ asset, name, peakDepth, arrivalSeconds, leadSeconds, severity, urgency, certainty, probability, alertId, action }) => ({ asset, name, peakDepth, arrivalSeconds, leadSeconds, severity, urgency, certainty, probability, alertId, action })),
        }));
        return 0;
      }
      io.out(`forecast ${result.id}: ${result.scenario}, ${ahead} min ahead from ${result.startedFrom}, ${members} member${members === 1 ? '' : 's'}, ${result.wallSeconds?.toFixed(1)} s`);
      if (alerts.length === 0) io.out('no asset is forecast to flood');
      for (const a of alerts) io.out(`${a.severity.padEnd(8)} ${a.urgency.padEnd(9)} ${a.certainty.padEnd(9)} ${a.peakDepth.toFixed(2)} m in ${minutes(a.leadSeconds).padEnd(9)} ${a.name} (alert ${a.action})`);
      return 0;
    } finally {
      decide.close();
      await host.close();
      await ops.close();
    }
  },
};
