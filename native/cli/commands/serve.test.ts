import { describe, expect, it } from 'vitest';
import { runCli } from '../main.ts';
import { recordingIo } from './test-io.ts';

describe('polder serve --help', () => {
  it('explains every option and the environment variables serve reads', async () => {
    const { io, out } = recordingIo();
    expect(await runCli(['serve', '--help'], io)).toBe(0);
    const help = out.join('\n');
    for (const flag of ['--port', '--host', '--allow-remote', '--terminal', '--open', '--json', '--broker', '--org', '--broker-ca', '--broker-cert', '--broker-key', '--cap-topic', '--cap-as', '--data-dir']) {
      expect(help).toMatch(new RegExp(`^  ${flag}\\b`, 'm'));
    }
    for (const name of ['POLDER_DATA_DIR', 'POLDER_BROKERS', 'POLDER_ORG', 'POLDER_CAP_TOPIC', 'POLDER_CAP_AS', 'POLDER_BROKER_USERNAME', 'POLDER_BROKER_PASSWORD']) expect(help).toContain(name);
  });
});
