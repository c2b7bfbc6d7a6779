import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { systemClock } from '../../clock/clock.ts';
import { demoRoster } from '../../identity/demo-roster.ts';
import { heldRosterPath, installRoster, readRosterFile, writeRosterFile } from '../../identity/held-roster.ts';
import { readKeyFile, writeNewKeyFile, type SigningKey } from '../../identity/keys.ts';
import { DeviceKind, parseRoster, signRoster, verifyRoster, type Roster } from '../../identity/roster.ts';
import { makeVerifier } from '../../identity/secret.ts';
import { refusedRosters, type RefusedRoster } from '../../identity/roster-keeper.ts';
import { opsBackupDir, opsDatabasePath } from '../../ops/service.ts';
import { migrations } from '../../store/migrations/index.ts';
import { openStore } from '../../store/store.ts';
import { Role } from '../../api/ops.ts';
import { defaultDepartments } from '../../ops/directory.ts';
import { integerFlag, parseFlags, UsageError, type CliIo, type Command } from '../command.ts';
import { readSecret, secretFlags, secretOptionsHelp } from '../secret-input.ts';
import { syncConfigFrom, syncFlags } from '../sync-flags.ts';
import { publishRoster } from '../../sync/roster-publish.ts';
import { dataDirFlag, resolveDataDir } from '../data-dir.ts';

const usage = [
  'polder roster init --org <name> --file <roster.json> [--admin-key <file>] [--lock-after <minutes>] [--people-from demo|<roster.json>]',
  '       polder roster add person <id> --name <name> --department <id> --role lead|member|observer --secret-stdin|--secret <PIN or password> --file <roster.json>',
  '       polder roster add device <id> --public-key=<key> --kind workstation|field-laptop --file <roster.json>',
  '       polder roster revoke device|person <id> --file <roster.json>',
  '       polder roster sign --file <roster.json> [--admin-key <file>]',
  '       polder roster verify [<roster.json>] [--json]      (without a file: the roster this device holds)',
  '       polder roster install <roster.json>                (make it the roster this device holds)',
  '       polder roster publish <roster.json> --broker <url>… [--org <name>] [--broker-ca f] [--broker-cert f --broker-key f]',
  '                                                          (retained on polder/v1/<org>/roster: running nodes adopt it if newer)',
  '   (all take --data-dir <path>; the admin key defaults to <data-dir>/roster-admin-key.json)',
].join('\n');

const options = [
  'The person\'s PIN or password (roster add person), from one of:',
  secretOptionsHelp,
  '',
  'roster publish: --broker (repeatable, failover order; or POLDER_BROKERS), --org (or POLDER_ORG; default polder:',
  'the organisation the nodes sync as), the --broker-* TLS files, and POLDER_BROKER_USERNAME/PASSWORD as polder serve takes them.',
  'Running nodes take a roster in only when it is signed by the admin key they hold and newer; they keep and log one they refuse',
  '(see polder roster verify on that node).',
].join('\n');

// --org (from syncFlags) names the roster's organisation for init, the sync organisation for publish.
const flags = {
  file: { type: 'string' },
  'admin-key': { type: 'string' },
  'lock-after': { type: 'string' },
  'people-from': { type: 'string' },
  name: { type: 'string' },
  department: { type: 'string' },
  role: { type: 'string' },
  ...secretFlags,
  ...syncFlags,
  'public-key': { type: 'string' },
  kind: { type: 'string' },
  json: { type: 'boolean' },
  ...dataDirFlag,
} as const;

type Values = ReturnType<typeof parseFlags<typeof flags>>['values'];

function need(values: Values, name: keyof Values & string): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} is required here`);
  return value;
}

function readDraft(path: string): Roster {
  const parsed = parseRoster(readRosterFile(path));
  if (!parsed.ok) throw new Error(`${path}: ${parsed.problem}`);
  return parsed.roster;
}

/** An edit makes the next version, unsigned until `roster sign`. */
function edited(roster: Roster, change: Partial<Roster>): Roster {
  const next = { ...roster, ...change, version: roster.version + 1, issuedAt: systemClock().now(), signature: null };
  const parsed = parseRoster(next);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.roster;
}

function adminKey(dataDir: string, values: Values): { path: string; key: SigningKey | null } {
  const path = values['admin-key'] ? resolve(values['admin-key']) : join(dataDir, 'roster-admin-key.json');
  return { path, key: existsSync(path) ? readKeyFile(path).key : null };
}

/** The departments and people (with their verifiers: no secret is needed to copy them) of another roster, e.g. the demo's for an exercise. */
function peopleFrom(source: string | undefined): Pick<Roster, 'departments' | 'people'> | null {
  if (source === undefined) return null;
  if (source === 'demo') return demoRoster();
  const checked = verifyRoster(readRosterFile(resolve(source)));
  if (!checked.ok) throw new Error(`--people-from ${source}: ${checked.problem}`);
  return checked.roster;
}

function summary(r: Roster): string {
  const revoked = r.devices.filter((d) => d.revoked).length;
  return `roster ${r.org} v${r.version}: ${r.people.length} people, ${r.devices.length} devices (${revoked} revoked), admin key ${r.adminKey}`;
}

async function add(what: string | undefined, id: string | undefined, roster: Roster, values: Values, io: CliIo): Promise<Roster> {
  if (!id) throw new UsageError(`say which ${what ?? 'person or device'} to add`);
  if (what === 'person') {
    const role = Role.safeParse(need(values, 'role'));
    if (!role.success) throw new UsageError(`--role must be lead, member or observer, got "${values.role}"`);
    const details = { id, name: need(values, 'name'), department: need(values, 'department'), role: role.data };
    const person = { ...details, secret: makeVerifier(await readSecret(values, io)) };
    return edited(roster, { people: [...roster.people.filter((p) => p.id !== id), person] });
  }
  if (what === 'device') {
    const kind = DeviceKind.safeParse(need(values, 'kind'));
    if (!kind.success) throw new UsageError(`--kind must be workstation or field-laptop, got "${values.kind}"`);
    if (roster.devices.some((d) => d.id === id && d.revoked)) throw new Error(`device ${id} was revoked; a revoked device id is never reused: run polder keys init on a fresh data folder`);
    const device = { id, publicKey: need(values, 'public-key'), kind: kind.data, revoked: false };
    return edited(roster, { devices: [...roster.devices.filter((d) => d.id !== id), device] });
  }
  throw new UsageError(`add what: person or device, not "${what ?? ''}"`);
}

function revoke(what: string | undefined, id: string | undefined, roster: Roster): Roster {
  if (!id) throw new UsageError(`say which ${what ?? 'person or device'} to revoke`);
  if (what === 'device') {
    if (!roster.devices.some((d) => d.id === id)) throw new Error(`no device ${id} in the roster`);
    return edited(roster, { devices: roster.devices.map((d) => (d.id === id ? { ...d, revoked: true } : d)) });
  }
  if (what === 'person') {
    if (!roster.people.some((p) => p.id === id)) throw new Error(`no person ${id} in the roster`);
    return edited(roster, { people: roster.people.filter((p) => p.id !== id) });
  }
  throw new UsageError(`revoke what: device or person, not "${what ?? ''}"`);
}

/** The rosters this device refused while running (from the broker), when it has an operations log. */
function refusedHere(dataDir: string): RefusedRoster[] {
  if (!existsSync(opsDatabasePath(dataDir))) return [];
  const store = openStore({ path: opsDatabasePath(dataDir), backupDir: opsBackupDir(dataDir), migrations, logger: { info() {}, warn() {} }, readonly: true });
  try {
    return refusedRosters(store.db);
  } finally {
    store.close();
  }
}

function verifyAndPrint(path: string, json: boolean, io: CliIo, refused: RefusedRoster[] = []): number {
  const checked = verifyRoster(readRosterFile(path));
  if (json) io.out(JSON.stringify({ ...(checked.ok ? { ok: true, org: checked.roster.org, version: checked.roster.version, people: checked.roster.people.length, devices: checked.roster.devices.length, adminKey: checked.roster.adminKey } : { ok: false, problem: checked.problem }), ...(refused.length ? { refused } : {}) }));
  else {
    if (checked.ok) io.out(`ok: ${summary(checked.roster)}`);
    else io.err(`polder roster: ${path}: ${checked.problem}`);
    for (const r of refused) io.out(`refused from ${r.source} at ${new Date(r.receivedAt).toISOString()}${r.receipts > 1 ? ` (${r.receipts} times)` : ''}: ${r.problem}`);
  }
  return checked.ok ? 0 : 1;
}

export const rosterCommand: Command = {
  name: 'roster',
  summary: 'make, edit, sign, check and install the signed roster of people and devices',
  usage,
  options,
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, flags, true);
    const [action, what, id, extra] = positionals;
    const dataDir = resolveDataDir(values['data-dir'], io.env);
    const json = values.json ?? false;
    switch (action) {
      case 'init': {
        const file = resolve(need(values, 'file'));
        if (existsSync(file)) throw new Error(`${file} already exists: edit it with roster add/revoke`);
        const org = need(values, 'org');
        const admin = adminKey(dataDir, values);
        const key = admin.key ?? writeNewKeyFile(admin.path, `admin:${org}`);
        const from = peopleFrom(values['people-from']);
        const draft = parseRoster({
          format: 'polder-roster/1', org, version: 1, issuedAt: systemClock().now(), adminKey: key.publicKey,
          lockAfterMinutes: integerFlag('lock-after', values['lock-after'], 15, 1, 720), departments: from?.departments ?? defaultDepartments, people: from?.people ?? [], devices: [], signature: null,
        });
        if (!draft.ok) throw new UsageError(draft.problem);
        writeRosterFile(file, signRoster(draft.roster, key));
        io.out(`${admin.key ? 'signed with the admin key' : 'made the admin key'} ${admin.path}${admin.key ? '' : ' (keep it offline: whoever holds it decides who works here)'}`);
        io.out(`wrote ${file}: ${summary(readDraft(file))}`);
        return 0;
      }
      case 'add':
      case 'revoke': {
        if (extra !== undefined) throw new UsageError(`unexpected "${extra}"`);
        const file = resolve(need(values, 'file'));
        const next = action === 'add' ? await add(what, id, readDraft(file), values, io) : revoke(what, id, readDraft(file));
        writeRosterFile(file, next);
        io.out(`${action === 'add' ? 'added' : 'revoked'} ${what} ${id}: ${summary(next)} — unsigned until polder roster sign`);
        return 0;
      }
      case 'sign': {
        const file = resolve(need(values, 'file'));
        const admin = adminKey(dataDir, values);
        if (!admin.key) throw new Error(`no admin key at ${admin.path} (give --admin-key <file>)`);
        const signed = signRoster(readDraft(file), admin.key);
        writeRosterFile(file, signed);
        io.out(`signed ${file}: ${summary(signed)}`);
        return 0;
      }
      case 'verify':
        if (id !== undefined) throw new UsageError(`unexpected "${id}"`);
        return what ? verifyAndPrint(resolve(what), json, io) : verifyAndPrint(heldRosterPath(dataDir), json, io, refusedHere(dataDir));
      case 'install': {
        if (!what || id !== undefined) throw new UsageError('say which roster file to install');
        const result = installRoster(dataDir, readRosterFile(resolve(what)));
        if (!result.ok) throw new Error(`not installed: ${result.problem}`);
        io.out(`this device now holds ${summary(result.roster)}; restart Polder to use it`);
        return 0;
      }
      case 'publish': {
        if (!what || id !== undefined) throw new UsageError('say which roster file to publish');
        const config = syncConfigFrom(values, io.env);
        if (!config) throw new UsageError('say where to publish it: --broker <url> (or POLDER_BROKERS)');
        const sent = await publishRoster(readRosterFile(resolve(what)), config);
        io.out(`published ${summary(sent.roster)} on ${sent.topic} at ${sent.broker} (retained)`);
        return 0;
      }
      default:
        throw new UsageError(action ? `unknown roster action "${action}"` : 'say what to do: init, add, revoke, sign, verify, install or publish');
    }
  },
};
