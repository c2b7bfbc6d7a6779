import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../main.ts';
import { opsDatabasePath } from '../../ops/service.ts';
import { testService } from '../../ops/test-service.ts';
import { recordingIo } from './test-io.ts';

let env: ReturnType<typeof testService>;
afterEach(() => env?.dir.cleanup());

async function storeWithWork() {
  env = testService();
  const fire = env.as('fire-lead');
  const task = await fire('tasks.create', { title: 'Evacuate aged care home', department: 'fire' });
  await fire('tasks.assign', { taskId: task.id, unitId: 'unit-fire-engine-1' });
  await env.service.close();
  return task.id;
}

const polder = async (...argv: string[]) => {
  const rec = recordingIo();
  const code = await runCli([...argv, '--data-dir', env.dir.dir], rec.io);
  return { code, ...rec };
};

describe('polder db', () => {
  it('check: reports integrity, chain and projections as ok (text and --json)', async () => {
    await storeWithWork();
    const text = await polder('db', 'check');
    expect(text.code).toBe(0);
    expect(text.out.join('\n')).toMatch(/integrity\s+ok[\s\S]*event chain\s+ok \(18 events from 1 devices\)[\s\S]*projections\s+ok/);
    const json = await polder('db', 'check', '--json');
    expect(JSON.parse(json.out[0]!)).toMatchObject({ ok: true, chain: { events: 18 }, projections: { ok: true } });
  });

  it('check fails on a tampered event and on drifted projections; rebuild repairs the projections and says so', async () => {
    const taskId = await storeWithWork();
    const db = new Database(opsDatabasePath(env.dir.dir));
    db.prepare("UPDATE entities SET state = json_set(state, '$.title', 'Something else') WHERE id = ?").run(taskId);
    db.close();
    const drifted = await polder('db', 'check');
    expect(drifted.code).toBe(1);
    expect(drifted.out.join('\n')).toMatch(/projections\s+DIFFER/);
    const rebuilt = await polder('db', 'rebuild', '--json');
    expect(rebuilt.code).toBe(1);
    expect(JSON.parse(rebuilt.out[0]!)).toMatchObject({ events: 18, identical: false, differing: { entities: 2 } });
    const again = await polder('db', 'rebuild');
    expect(again.code).toBe(0);
    expect(again.out.join('\n')).toMatch(/replayed 18 events[\s\S]*identical to before/);

    const raw = new Database(opsDatabasePath(env.dir.dir));
    raw.exec('DROP TRIGGER events_refuse_update');
    raw.prepare("UPDATE events SET actor = 'mallory' WHERE seq = 17").run();
    raw.close();
    const tampered = await polder('db', 'check');
    expect(tampered.code).toBe(1);
    expect(tampered.out.join('\n')).toMatch(/event chain\s+FAILED[\s\S]*#17 .*content does not match its hash/);
  });

  it('backup writes a copy that checks ok; a damaged database is reported with the backup to use', async () => {
    await storeWithWork();
    const file = join(env.dir.dir, 'backups', 'manual.sqlite');
    const backup = await polder('db', 'backup', file);
    expect(backup.code).toBe(0);
    expect(existsSync(file)).toBe(true);
    const fd = openSync(opsDatabasePath(env.dir.dir), 'r+');
    writeSync(fd, Buffer.alloc(4096 * 4, 0x5a), 0, 4096 * 4, 4096);
    closeSync(fd);
    const check = await polder('db', 'check');
    expect(check.code).toBe(1);
    expect(check.err.join('\n')).toMatch(new RegExp(`damaged[\\s\\S]*newest good backup is ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    const restore = await polder('db', 'restore');
    expect(restore.code).toBe(0);
    expect(restore.out[0]).toMatch(/restored .*manual\.sqlite; the previous database is kept as .*ops\.sqlite\.damaged-/);
    expect((await polder('db', 'check')).code).toBe(0);
  });

  it('rejects unknown actions and extra arguments with exit code 2', async () => {
    await storeWithWork();
    expect((await polder('db', 'vacuum')).code).toBe(2);
    expect((await polder('db', 'check', 'extra')).code).toBe(2);
    expect((await polder('db')).code).toBe(2);
  });
});
