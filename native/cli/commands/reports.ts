import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { defaultScenario } from '../../app.ts';
import { repoPaths } from '../../paths.ts';
import { createReportService } from '../../reports/service.ts';
import { resolveScenarioDir, summarizeScenario } from '../../../simulation/scenario/summary.ts';
import { integerFlag, parseFlags, UsageError, type CliIo, type Command } from '../command.ts';
import { dataDirFlag, resolveDataDir } from '../data-dir.ts';
import { withOps } from '../open-ops.ts';

const usage = 'polder reports import <file.jsonl> [--scenario <dir|name|none>] | list [--limit n] | quarantine [--limit n]  [--json] [--data-dir <path>]';

const options = `Actions:
  import <file.jsonl>     take in a gateway's citizen and field reports, one JSON report per line
                          (the form is in the README, "Citizen and field reports"); each line is
                          accepted into a group of its place and time or quarantined with its reason.
                          Exit 0 when every line was accepted, 1 when any was quarantined.
  list                    the groups of reports, newest first: count, span, deepest water, review
  quarantine              the refused reports, newest first, with their reasons

Options:
  --scenario <dir|name>   reports outside this pack's area are refused (default ${defaultScenario});
                          "none" takes reports from anywhere
  --limit <n>             how many groups or refused reports to list, newest first (default 100)
  --json                  JSON instead of text
  --data-dir <path>       the node's data folder (also POLDER_DATA_DIR)`;

async function areaOf(scenario: string): Promise<[number, number, number, number] | null> {
  if (scenario === 'none') return null;
  return (await summarizeScenario(resolveScenarioDir(scenario, repoPaths.resources))).bounds;
}

function readReports(file: string): Buffer {
  try {
    return readFileSync(resolve(file));
  } catch (err) {
    throw new Error(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`, { cause: err });
  }
}

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

export const reportsCommand: Command = {
  name: 'reports',
  summary: 'citizen and field reports: import a JSON Lines file, list the groups, show the quarantine',
  usage,
  options,
  async run(argv, io: CliIo) {
    const { values, positionals } = parseFlags(argv, { scenario: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' }, ...dataDirFlag }, true);
    const [action, file, ...extra] = positionals;
    if (!action) throw new UsageError('say what to do: import, list or quarantine');
    if (!['import', 'list', 'quarantine'].includes(action)) throw new UsageError(`unknown reports action "${action}": use import, list or quarantine`);
    if (action === 'import' && !file) throw new UsageError('give the JSON Lines file of reports to import');
    if (extra.length || (action !== 'import' && file)) throw new UsageError(`unexpected ${[...(action === 'import' ? [] : [file]), ...extra].join(' ')}`);
    const limit = integerFlag('limit', values.limit, 100, 1, 1000);
    const bounds = action === 'import' ? await areaOf(values.scenario ?? defaultScenario) : null;
    const content = action === 'import' ? readReports(file!) : null;
    const json = values.json ?? false;
    return withOps(resolveDataDir(values['data-dir'], io.env), io, async (ops, clock) => {
      const logger = { info() {}, warn: (m: string) => io.err(`warning: ${m}`), error: (m: string) => io.err(`error: ${m}`) };
      const reports = createReportService({ db: ops.store.db, clock, push: { emit() {} }, logger, alerts: ops.systemAlerts, core: ops.core, limits: { bounds } });
      const cli = { session: { id: 'cli', actorId: null } };
      if (content) {
        const result = reports.importLines(basename(file!), content);
        if (json) io.out(JSON.stringify({ ...result, counts: reports.counts() }));
        else {
          for (const q of result.quarantined) io.out(`${file}:${q.line}: ${q.reason}`);
          io.out(`${file}: ${result.accepted} accepted into ${result.groups.length} group${result.groups.length === 1 ? '' : 's'}, ${result.quarantined.length} quarantined`);
        }
        return result.quarantined.length ? 1 : 0;
      }
      if (action === 'list') {
        const { groups, counts } = await reports.handlers['reports.groups']({ limit }, cli);
        if (json) io.out(JSON.stringify({ groups, counts }));
        else {
          for (const g of groups) {
            const trust = g.review === 'unconfirmed' ? 'unconfirmed public report' : g.review;
            io.out(`${g.id}  ${g.count} report${g.count === 1 ? '' : 's'}  ${iso(g.firstAt)}–${iso(g.lastAt).slice(11)} UTC  up to ${g.maxDepthM} m  at ${g.location.lat.toFixed(5)}, ${g.location.lon.toFixed(5)}  ${trust}${g.reconstructed ? ' (reconstructed)' : ''}`);
          }
          io.out(`received ${counts.received} = accepted ${counts.accepted} + quarantined ${counts.quarantined}`);
        }
        return 0;
      }
      const refused = await reports.handlers['reports.quarantine']({ limit }, cli);
      if (json) io.out(JSON.stringify(refused));
      else for (const q of refused) io.out(`#${q.id}  ${iso(q.receivedAt)} UTC  ${q.origin}: ${q.reason}`);
      return 0;
    });
  },
};
