import Database from 'better-sqlite3';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateSigningKey, verifySignature } from '../identity/keys.ts';
import { anchorSigningBytes, chainAnchorPath, readChainAnchor, verifyAnchors } from './chain-anchor.ts';
import { opsDatabasePath } from './service.ts';
import { testService } from './test-service.ts';

let env: ReturnType<typeof testService>;
afterEach(() => env?.close());

describe('the chain-head anchor', () => {
  it('follows every commit, signed by the device, readable by the owner only', async () => {
    const key = generateSigningKey();
    env = testService({ seedUnits: [], deviceKey: key });
    const file = chainAnchorPath(env.dir.dir);
    await env.as('fire-lead')('log.append', { text: 'Crew 2 on scene' });
    const anchor = readChainAnchor(file).anchor!;
    expect(anchor).toMatchObject({ origin: 'dev_test', seq: 1 });
    expect(verifySignature(key.publicKey, anchorSigningBytes(anchor), anchor.signature!)).toBe(true);
    expect(verifySignature(key.publicKey, anchorSigningBytes({ ...anchor, seq: 2 }), anchor.signature!)).toBe(false);
    await env.as('fire-lead')('log.append', { text: 'Crew 3 on scene' });
    const head = env.service.store.db.prepare("SELECT hash FROM events WHERE seq = 2").pluck().get();
    expect(readChainAnchor(file).anchor).toMatchObject({ seq: 2, hash: head });
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('reports a backup whose head the log no longer holds, and stays frozen when the log does not match it', async () => {
    env = testService({ seedUnits: [] });
    const fire = env.as('fire-lead');
    for (const text of ['one', 'two', 'three']) await fire('log.append', { text });
    const backup = join(env.dir.dir, 'backups', 'manual.sqlite');
    await env.service.backup(backup);
    await env.service.close();

    const raw = new Database(opsDatabasePath(env.dir.dir));
    raw.exec('DROP TRIGGER events_refuse_delete');
    raw.pragma('foreign_keys = OFF');
    raw.prepare('DELETE FROM events WHERE seq = 3').run();
    const report = verifyAnchors(raw, 'dev_test', chainAnchorPath(env.dir.dir), [backup]);
    raw.close();
    expect(report.ok).toBe(false);
    expect(report.anchor.problem).toMatch(/event #3 .* log ends at #2/);
    expect(report.backups).toEqual({ checked: 1, problems: [{ file: backup, problem: expect.stringMatching(/event #3/) }] });

    const anchorBefore = readFileSync(chainAnchorPath(env.dir.dir), 'utf8');
    env = testService({ seedUnits: [] }, env.dir);
    await env.as('fire-lead')('log.append', { text: 'after the cut' });
    expect(readFileSync(chainAnchorPath(env.dir.dir), 'utf8')).toBe(anchorBefore);
  });
});
