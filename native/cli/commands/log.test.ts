import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../main.ts';
import { testService } from '../../ops/test-service.ts';
import { recordingIo } from './test-io.ts';

let env: ReturnType<typeof testService>;
afterEach(() => env?.close());

describe('polder log tail', () => {
  it('prints the last N events, as text or JSON lines', async () => {
    env = testService();
    await env.as('police-1')('log.append', { text: 'Road closed at Maitland Rd' });
    await env.as('police-1')('log.append', { text: 'Detour signs placed' });
    const rec = recordingIo();
    expect(await runCli(['log', 'tail', '-n', '2', '--data-dir', env.dir.dir], rec.io)).toBe(0);
    expect(rec.out).toHaveLength(2);
    expect(rec.out[1]).toMatch(/dev_test#18\s+police-1\s+log\.entry\s+Log: Detour signs placed/);
    const json = recordingIo();
    await runCli(['log', 'tail', '-n', '1', '--json', '--data-dir', env.dir.dir], json.io);
    expect(JSON.parse(json.out[0]!)).toMatchObject({ seq: 18, actor: 'police-1', type: 'log.entry', payload: { text: 'Detour signs placed' } });
  });

  it('--follow prints events written after it started, until asked to stop', async () => {
    env = testService();
    const rec = recordingIo();
    const running = runCli(['log', 'tail', '-n', '0', '--follow', '--data-dir', env.dir.dir], rec.io);
    await new Promise((r) => setTimeout(r, 100));
    await env.as('health-1')('log.append', { text: 'Ambulance staged' });
    for (let i = 0; i < 40 && rec.out.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    rec.stop();
    expect(await running).toBe(0);
    expect(rec.out).toEqual([expect.stringMatching(/Log: Ambulance staged/)]);
  });

  it('rejects a bad -n with exit code 2', async () => {
    env = testService();
    const rec = recordingIo();
    expect(await runCli(['log', 'tail', '-n', 'lots', '--data-dir', env.dir.dir], rec.io)).toBe(2);
    expect(rec.err[0]).toMatch(/-n must be a whole number/);
  });
});
