import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { systemClock } from '../../clock/clock.ts';
import { demoRoster } from '../../identity/demo-roster.ts';
import { loadHeldRoster } from '../../identity/held-roster.ts';
import { deviceKeyPath, readKeyFile } from '../../identity/keys.ts';
import { opsBackupDir, opsDatabasePath } from '../../ops/service.ts';
import { repoPaths } from '../../paths.ts';
import { exportRecording } from '../../record/export.ts';
import { importRecording } from '../../record/import.ts';
import { parseRecording, verifyRecording } from '../../record/verify.ts';
import { migrations } from '../../store/migrations/index.ts';
import { openStore } from '../../store/store.ts';
import { resolveScenarioDir } from '../../../simulation/scenario/summary.ts';
import { writeOutput } from '../write-output.ts';
import { parseFlags, UsageError, type CliIo, type Command } from '../command.ts';
import { dataDirFlag, resolveDataDir } from '../data-dir.ts';

const usage = [
  'polder record export --from <ISO time> --to <ISO time> [--out <file>] [--scenario <dir|name>]… [--json] [--data-dir <path>]',
  '       polder record verify <file> [--json]',
  '       polder record import <file> --data-dir <new empty folder> [--json]',
].join('\n');

const flags = {
  from: { type: 'string' },
  to: { type: 'string' },
  out: { type: 'string' },
  scenario: { type: 'string', multiple: true },
  json: { type: 'boolean' },
  ...dataDirFlag,
} as const;

export function isoFlag(name: string, value: string | undefined): number {
  if (value === undefined) throw new UsageError(`--${name} <ISO time> is required (e.g. 2007-06-08T09:00:00Z)`);
  const ms = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) throw new UsageError(`--${name} must be an ISO 8601 time such as 2007-06-08T09:00:00Z, got "${value}"`);
  return ms;
}

/** The pack folders named on the command line, else those the recorded forecasts and runs name that this machine has. */
function packsFor(named: readonly string[], fromRecords: readonly string[], io: CliIo): { name: string; dir: string }[] {
  const dirs = new Map<string, string>();
  for (const n of named) dirs.set(resolveScenarioDir(n, repoPaths.resources), n);
  if (named.length === 0) {
    for (const n of fromRecords) {
      try {
        dirs.set(resolveScenarioDir(n, repoPaths.resources), n);
      } catch {
        io.err(`warning: the records name scenario "${n}", which is not a pack on this machine: the recording does not name it`);
      }
    }
  }
  const byName = new Map([...dirs.keys()].map((dir) => [basename(dir), dir]));
  return [...byName].map(([name, dir]) => ({ name, dir }));
}

function exportCommand(values: ReturnType<typeof parseFlags<typeof flags>>['values'], io: CliIo): number {
  const from = isoFlag('from', values.from);
  const to = isoFlag('to', values.to);
  if (to <= from) throw new UsageError('--to must be after --from');
  const dataDir = resolveDataDir(values['data-dir'], io.env);
  if (!existsSync(opsDatabasePath(dataDir))) throw new Error(`${dataDir} holds no operations store to record from`);
  const keyFile = deviceKeyPath(dataDir);
  if (!existsSync(keyFile)) throw new Error(`${dataDir} has no device key (${keyFile}): a recording is signed by the device that exports it`);
  const roster = loadHeldRoster(dataDir) ?? demoRoster();
  const store = openStore({ path: opsDatabasePath(dataDir), backupDir: opsBackupDir(dataDir), migrations, logger: { info() {}, warn: (m) => io.err(`warning: ${m}`) }, readonly: true });
  let text: string;
  let summary: { events: number; origins: number; forecasts: number; simRuns: number; packs: string[] };
  try {
    const deviceId = store.db.prepare<[], string>("SELECT value FROM meta WHERE key = 'device_id'").pluck().get();
    if (deviceId === undefined) throw new Error(`${dataDir} has no device id yet: open it once (polder serve) before exporting`);
    const { owner, key } = readKeyFile(keyFile);
    if (owner !== deviceId) throw new Error(`${keyFile} is the key of device ${owner}, but this data folder is device ${deviceId}`);
    if (!roster.devices.some((d) => d.id === deviceId && d.publicKey === key.publicKey)) {
      throw new Error(`this device (${deviceId}) is not enrolled with this key in roster ${roster.org} v${roster.version}: enrol it (polder roster add device) so its recordings can be checked`);
    }
    let packs: { name: string; dir: string }[] = [];
    const recording = exportRecording({ db: store.db, from, to, now: systemClock().now(), deviceId, key, roster, packs: (named) => (packs = packsFor(values.scenario ?? [], named, io)) });
    const problems = verifyRecording(recording, (name) => packs.find((p) => p.name === name)?.dir ?? null);
    if (problems.length) {
      problems.forEach((p) => io.err(p));
      io.err('the recording would not verify (above), so it was not written');
      return 1;
    }
    text = JSON.stringify(recording) + '\n';
    summary = { events: recording.events.length, origins: recording.origins.length, forecasts: recording.forecasts.length, simRuns: recording.simRuns.length, packs: recording.packs.map((p) => `${p.name} sha256:${p.sha256}`) };
  } finally {
    store.close();
  }
  const out = writeOutput(io, values.out, text);
  if (out === null) return 0;
  io.out(values.json ? JSON.stringify({ file: out, ...summary }) : `recorded ${summary.events} events of ${summary.origins} devices, ${summary.forecasts} forecasts, ${summary.simRuns} simulation runs into ${out}${summary.packs.length ? `; needs ${summary.packs.join(', ')}` : ''}`);
  return 0;
}

/** A recording file parsed (or why not), with the SHA-256 of its bytes. */
export function readRecording(file: string) {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file} ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'is not valid JSON'}`, { cause: err });
  }
  return { parsed: parseRecording(raw), sha256: createHash('sha256').update(readFileSync(file)).digest('hex') };
}

/** A scenario pack of this machine by its recorded name, or null. */
export const packDir = (name: string): string | null => {
  try {
    return resolveScenarioDir(name, repoPaths.resources);
  } catch {
    return null;
  }
};

export const recordCommand: Command = {
  name: 'record',
  summary: 'export, verify and import recordings (a signed slice of the log and its records)',
  usage,
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, flags, true);
    const [action, file, ...rest] = positionals;
    if (action === 'export') {
      if (file !== undefined) throw new UsageError(`export takes no file argument: use --out ${file}`);
      return exportCommand(values, io);
    }
    if (action !== 'verify' && action !== 'import') throw new UsageError(action ? `unknown record action "${action}": use export, verify or import` : 'say what to do: export, verify or import');
    if (file === undefined || rest.length > 0) throw new UsageError(`polder record ${action} takes one recording file`);
    const { parsed, sha256 } = readRecording(resolve(file));
    const problems = parsed.ok ? verifyRecording(parsed.recording, packDir) : [parsed.problem];
    if (action === 'verify' || problems.length > 0) {
      if (values.json) io.out(JSON.stringify({ ok: problems.length === 0, sha256, problems }));
      else if (problems.length > 0) problems.forEach((p) => io.err(p));
      else if (parsed.ok) {
        const r = parsed.recording;
        io.out(`ok: ${r.events.length} events of ${r.origins.length} devices, ${r.forecasts.length} forecasts, ${r.simRuns.length} simulation runs, ${new Date(r.window.from).toISOString()} to ${new Date(r.window.to).toISOString()}, signed by ${r.exportedBy} under roster ${r.roster.org} v${r.roster.version} (admin key ${r.roster.adminKey})`);
      }
      if (action === 'import' && problems.length > 0) io.err(`${file} does not verify: nothing was imported`);
      return problems.length === 0 ? 0 : 1;
    }
    if (values['data-dir'] === undefined) throw new UsageError('import needs --data-dir <new empty folder>: a recording never goes into the live data folder by default');
    if (!parsed.ok) return 1;
    const dataDir = resolveDataDir(values['data-dir'], io.env);
    const { events } = importRecording(parsed.recording, dataDir, sha256, { info() {}, warn: (m) => io.err(`warning: ${m}`) });
    io.out(values.json ? JSON.stringify({ dataDir, events, sha256 }) : `imported ${events} events into ${dataDir}`);
    return 0;
  },
};
