import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../main.ts';
import { tempDir } from '../../store/test-helpers.ts';
import { checkSecret } from '../../identity/secret.ts';
import { demoPin } from '../../identity/demo-pin.ts';
import { loadHeldRoster } from '../../identity/held-roster.ts';
import type { Roster } from '../../identity/roster.ts';
import { recordingIo } from './test-io.ts';

let dir: ReturnType<typeof tempDir>;
afterEach(() => dir?.cleanup());

async function polder(...args: string[]) {
  return polderWith({}, ...args);
}

async function polderWith(env: NodeJS.ProcessEnv, ...args: string[]) {
  const rec = recordingIo(env);
  const code = await runCli([...args, '--data-dir', dir.dir], rec.io);
  return { code, out: rec.out, err: rec.err };
}

describe('polder keys and polder roster', () => {
  it('makes a device key, enrols the device and a person, signs, verifies and installs the roster', async () => {
    dir = tempDir('polder-cli-roster-');
    const file = join(dir.dir, 'draft.json');
    const keys = await polder('keys', 'init', '--json');
    expect(keys.code).toBe(0);
    const { deviceId, publicKey, created } = JSON.parse(keys.out[0]!) as { deviceId: string; publicKey: string; created: boolean };
    expect(created).toBe(true);
    expect(statSync(join(dir.dir, 'device-key.json')).mode & 0o777).toBe(0o600);
    expect(JSON.parse((await polder('keys', 'init', '--json')).out[0]!)).toMatchObject({ deviceId, publicKey, created: false });

    expect((await polder('roster', 'init', '--org', 'newcastle', '--file', file, '--lock-after', '5')).code).toBe(0);
    expect(statSync(join(dir.dir, 'roster-admin-key.json')).mode & 0o777).toBe(0o600);
    expect((await polder('roster', 'add', 'person', 'm.okafor', '--name', 'Margaret Okafor', '--department', 'eoc', '--role', 'lead', '--secret', '4711', '--file', file)).code).toBe(0);
    expect((await polder('roster', 'add', 'device', deviceId, `--public-key=${publicKey}`, '--kind', 'field-laptop', '--file', file)).code).toBe(0);
    const unsigned = await polder('roster', 'verify', file);
    expect(unsigned).toMatchObject({ code: 1, err: [expect.stringMatching(/v3 is an unsigned draft/)] });
    expect((await polder('roster', 'sign', '--file', file)).code).toBe(0);
    const verified = await polder('roster', 'verify', file, '--json');
    expect(JSON.parse(verified.out[0]!)).toMatchObject({ ok: true, org: 'newcastle', version: 3, people: 1, devices: 1 });

    expect((await polder('roster', 'install', file)).code).toBe(0);
    const held = loadHeldRoster(dir.dir)!;
    expect(held).toMatchObject({ version: 3, lockAfterMinutes: 5, devices: [{ id: deviceId, kind: 'field-laptop', revoked: false }] });
    expect(await checkSecret('4711', held.people[0]!.secret)).toBe(true);
    expect((await polder('roster', 'verify')).out[0]).toMatch(/^ok: roster newcastle v3: 1 people, 1 devices \(0 revoked\)/);

    expect((await polder('roster', 'revoke', 'device', deviceId, '--file', file)).code).toBe(0);
    expect((await polder('roster', 'sign', '--file', file)).code).toBe(0);
    expect((await polder('roster', 'install', file)).code).toBe(0);
    expect(loadHeldRoster(dir.dir)!.devices[0]).toMatchObject({ id: deviceId, revoked: true });
    const reuse = await polder('roster', 'add', 'device', deviceId, `--public-key=${publicKey}`, '--kind', 'workstation', '--file', file);
    expect(reuse).toMatchObject({ code: 1, err: [expect.stringMatching(/was revoked; a revoked device id is never reused/)] });
  });

  it('refuses an older or foreign roster on install, keeping the one held', async () => {
    dir = tempDir('polder-cli-roster-');
    const file = join(dir.dir, 'draft.json');
    await polder('roster', 'init', '--org', 'newcastle', '--file', file);
    const v1 = readFileSync(file, 'utf8');
    await polder('roster', 'add', 'person', 'p1', '--name', 'P One', '--department', 'fire', '--role', 'member', '--secret', '1234', '--file', file);
    await polder('roster', 'sign', '--file', file);
    expect((await polder('roster', 'install', file)).code).toBe(0);
    writeFileSync(join(dir.dir, 'old.json'), v1);
    expect(await polder('roster', 'install', join(dir.dir, 'old.json'))).toMatchObject({ code: 1, err: ['polder roster: not installed: roster v1 is not newer than the v2 this device holds'] });
    const other = join(dir.dir, 'other.json');
    await polder('roster', 'init', '--org', 'newcastle', '--file', other, '--admin-key', join(dir.dir, 'thief-key.json'));
    const forged = JSON.parse(readFileSync(other, 'utf8')) as Roster;
    writeFileSync(other, JSON.stringify({ ...forged, version: 99 }));
    expect((await polder('roster', 'install', other)).err[0]).toMatch(/signature does not match/);
    expect(loadHeldRoster(dir.dir)!.version).toBe(2);
  });

  it('starts an exercise roster from the demo people, who keep their demo PIN', async () => {
    dir = tempDir('polder-cli-roster-');
    const file = join(dir.dir, 'exercise.json');
    expect((await polder('roster', 'init', '--org', 'exercise', '--file', file, '--people-from', 'demo')).code).toBe(0);
    expect(JSON.parse((await polder('roster', 'verify', file, '--json')).out[0]!)).toMatchObject({ ok: true, org: 'exercise', people: 25, devices: 0 });
    const roster = JSON.parse(readFileSync(file, 'utf8')) as Roster;
    expect(await checkSecret(demoPin, roster.people.find((p) => p.id === 'eoc-lead')!.secret)).toBe(true);
    expect(await polder('roster', 'init', '--org', 'x', '--file', join(dir.dir, 'x.json'), '--people-from', join(dir.dir, 'missing.json'))).toMatchObject({ code: 1, err: [expect.stringMatching(/missing\.json does not exist/)] });
  });

  it('takes a new person\'s secret from standard input or POLDER_SECRET, so it never shows in ps', async () => {
    dir = tempDir('polder-cli-roster-');
    const file = join(dir.dir, 'draft.json');
    await polder('roster', 'init', '--org', 'newcastle', '--file', file);
    const bin = fileURLToPath(new URL('../../../bin/polder.js', import.meta.url));
    const args = ['roster', 'add', 'person', 'p1', '--name', 'P One', '--department', 'fire', '--role', 'member', '--secret-stdin', '--file', file, '--data-dir', dir.dir];
    const piped = spawnSync(process.execPath, [bin, ...args], { input: 'correct horse 2468\nnot this line\n', encoding: 'utf8' });
    expect(piped.stderr).toBe('');
    expect(piped.status).toBe(0);
    const person = () => (JSON.parse(readFileSync(file, 'utf8')) as Roster).people.find((p) => p.id === 'p1')!;
    expect(await checkSecret('correct horse 2468', person().secret)).toBe(true);

    expect((await polderWith({ POLDER_SECRET: '8642' }, 'roster', 'add', 'person', 'p1', '--name', 'P One', '--department', 'fire', '--role', 'member', '--file', file)).code).toBe(0);
    expect(await checkSecret('8642', person().secret)).toBe(true);

    const none = await polder('roster', 'add', 'person', 'p2', '--name', 'P Two', '--department', 'fire', '--role', 'member', '--file', file);
    expect(none).toMatchObject({ code: 2, err: [expect.stringMatching(/PIN or password is required: --secret-stdin, POLDER_SECRET or --secret/)] });
    const twice = await polder('roster', 'add', 'person', 'p2', '--name', 'P Two', '--department', 'fire', '--role', 'member', '--secret', '1', '--secret-stdin', '--file', file);
    expect(twice).toMatchObject({ code: 2, err: [expect.stringMatching(/give the secret once/)] });
    expect((await polder('roster', 'add', '--help')).out[0]).toMatch(/--secret <value> +the PIN or password on the command line: other users of this machine\n.*can read it in `ps`/);
  });

  it('answers bad files and bad calls with one clear line and a non-zero exit', async () => {
    dir = tempDir('polder-cli-roster-');
    const file = join(dir.dir, 'bad.json');
    writeFileSync(file, '{"format":');
    expect(await polder('roster', 'verify', file)).toMatchObject({ code: 1, err: [`polder roster: ${file} is not valid JSON`] });
    writeFileSync(file, '{"format":"polder-roster/1"}');
    expect(await polder('roster', 'verify', file)).toMatchObject({ code: 1, err: [expect.stringMatching(/^polder roster: .*bad\.json: not a Polder roster: org: /)] });
    expect((await polder('roster', 'add', 'person', 'x', '--file', file)).err).toEqual([expect.stringMatching(/^polder roster: .*not a Polder roster/)]);
    expect(await polder('roster', 'verify')).toMatchObject({ code: 1, err: [expect.stringMatching(/roster\.json does not exist$/)] });
    expect(await polder('roster', 'frobnicate')).toMatchObject({ code: 2, err: [expect.stringMatching(/unknown roster action "frobnicate"/)] });
    const draft = join(dir.dir, 'draft.json');
    await polder('roster', 'init', '--org', 'o', '--file', draft);
    expect(await polder('roster', 'add', 'person', 'x', '--name', 'X', '--department', 'nowhere', '--role', 'member', '--secret', '1234', '--file', draft)).toMatchObject({ code: 1, err: ['polder roster: person "x" belongs to unknown department "nowhere"'] });
    expect(await polder('roster', 'add', 'person', 'x', '--name', 'X', '--department', 'eoc', '--role', 'chief', '--secret', '1234', '--file', draft)).toMatchObject({ code: 2 });
    expect(await polder('roster', 'add', 'person', 'x', '--name', 'X', '--department', 'eoc', '--role', 'member', '--secret', '12', '--file', draft)).toMatchObject({ code: 1, err: [expect.stringMatching(/at least 4 characters/)] });
    expect(await polder('roster', 'add', 'device', 'd', '--public-key', 'nope', '--kind', 'workstation', '--file', draft)).toMatchObject({ code: 1, err: [expect.stringMatching(/not an Ed25519 public key/)] });
    expect(await polder('keys', 'rotate')).toMatchObject({ code: 2 });
  });
});
