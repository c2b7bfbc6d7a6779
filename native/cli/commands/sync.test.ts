import { afterEach, describe, expect, it } from 'vitest';
import { connectMqtt } from '../../mqtt/connection.ts';
import { startMosquitto } from '../../mqtt/test-broker.ts';
import { converged, testNodes, type TestNode } from '../../sync/test-nodes.ts';
import { runCli } from '../main.ts';
import { syncConfigFrom } from '../sync-flags.ts';
import { recordingIo } from './test-io.ts';

let nodes: TestNode[] = [];
afterEach(async () => {
  await Promise.all(nodes.map((n) => n.close()));
  nodes = [];
});

describe('polder sync status', () => {
  it('shows a node that never synced: no brokers, its whole outbox unsent', async () => {
    nodes = testNodes(1);
    const [a] = nodes as [TestNode];
    const rec = recordingIo();
    expect(await runCli(['sync', 'status', '--json', '--data-dir', a.dir.dir], rec.io)).toBe(0);
    expect(JSON.parse(rec.out[0]!)).toEqual({ brokers: [], connected: null, lastSync: null, outbox: a.service.outbox.pendingCount(), peers: [], quarantined: 0, conflicts: 0 });
    const text = recordingIo();
    await runCli(['sync', 'status', '--data-dir', a.dir.dir], text.io);
    expect(text.out.join('\n')).toMatch(/offline: +\d+ events not yet sent/);
  });

  it('shows the broker, the last sync and the peers a running link recorded', async () => {
    const broker = await startMosquitto();
    try {
      nodes = testNodes(2, { org: 'cli' });
      nodes.forEach((n) => n.connect([broker.url]));
      await converged(nodes);
      for (let i = 0; i < 100 && nodes[0]!.link!.status().peers.length === 0; i += 1) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 100));
      const rec = recordingIo();
      expect(await runCli(['sync', 'status', '--json', '--data-dir', nodes[0]!.dir.dir], rec.io)).toBe(0);
      const status = JSON.parse(rec.out[0]!) as { brokers: string[]; connected: string; lastSync: number; outbox: number; peers: { node: string; online: boolean }[] };
      expect(status).toMatchObject({ brokers: [broker.url], connected: broker.url, outbox: 0, peers: [{ node: 'dev_b', online: true }] });
      expect(status.lastSync).toBeGreaterThan(0);
    } finally {
      await Promise.all(nodes.map((n) => n.disconnect()));
      await broker.stop();
    }
  });

  it('refuses an unknown action with exit code 2', async () => {
    const rec = recordingIo();
    expect(await runCli(['sync', 'push'], rec.io)).toBe(2);
    expect(rec.err[0]).toMatch(/unknown sync action "push"/);
  });
});

describe('polder broker', () => {
  it('hosts a broker nodes can use, until asked to stop', async () => {
    const rec = recordingIo();
    const running = runCli(['broker', '--port', '0', '--json'], rec.io);
    for (let i = 0; i < 100 && rec.out.length === 0; i += 1) await new Promise((r) => setTimeout(r, 20));
    const { url } = JSON.parse(rec.out[0]!) as { url: string };
    const got: string[] = [];
    const client = connectMqtt({ brokers: [url], clientId: 'cli-broker-test' }, { onMessage: (m) => got.push(m.payload.toString()) });
    await client.subscribe(['room/#']);
    for (let i = 0; i < 100 && !client.connected; i += 1) await new Promise((r) => setTimeout(r, 20));
    await client.publish('room/1', 'hello');
    for (let i = 0; i < 100 && got.length === 0; i += 1) await new Promise((r) => setTimeout(r, 20));
    expect(got).toEqual(['hello']);
    await client.close();
    rec.stop();
    expect(await running).toBe(0);
  });

  it('with POLDER_BROKER_USERNAME/PASSWORD admits only clients that log in with them, as serve does from the same variables', async () => {
    const account = { POLDER_BROKER_USERNAME: 'room-1', POLDER_BROKER_PASSWORD: 'tide-2026' };
    const rec = recordingIo(account);
    const running = runCli(['broker', '--port', '0', '--json'], rec.io);
    for (let i = 0; i < 100 && rec.out.length === 0; i += 1) await new Promise((r) => setTimeout(r, 20));
    const { url, accounts } = JSON.parse(rec.out[0]!) as { url: string; accounts: number };
    expect(accounts).toBe(1);
    const config = syncConfigFrom({ broker: [url] }, account)!;
    expect(config.mqtt).toEqual({ username: 'room-1', password: 'tide-2026' });
    const stranger = connectMqtt({ brokers: [url], clientId: 'cli-broker-stranger', retryDelayMs: 50 });
    const node = connectMqtt({ brokers: [url], clientId: 'cli-broker-node', ...config.mqtt });
    for (let i = 0; i < 200 && !(node.connected && /Bad username or password/.test(stranger.lastError ?? '')); i += 1) await new Promise((r) => setTimeout(r, 20));
    expect(node.connected).toBe(true);
    expect(stranger.connected).toBe(false);
    expect(stranger.lastError).toMatch(/Bad username or password/);
    await Promise.all([stranger.close(), node.close()]);
    rec.stop();
    expect(await running).toBe(0);
  });

  it('asks for --allow-remote before listening beyond this machine', async () => {
    const rec = recordingIo();
    expect(await runCli(['broker', '--host', '0.0.0.0'], rec.io)).toBe(2);
    expect(rec.err[0]).toMatch(/--allow-remote/);
  });
});

describe('serve’s sync flags', () => {
  it('takes brokers in failover order from --broker, else POLDER_BROKERS', () => {
    expect(syncConfigFrom({ broker: ['mqtt://a:1883', 'mqtt://b:1883'], org: 'newcastle' }, {})).toEqual({ brokers: ['mqtt://a:1883', 'mqtt://b:1883'], org: 'newcastle' });
    expect(syncConfigFrom({}, { POLDER_BROKERS: 'mqtts://city:8883, mqtt://room:1883', POLDER_ORG: 'nsw' })).toEqual({ brokers: ['mqtts://city:8883', 'mqtt://room:1883'], org: 'nsw' });
    expect(syncConfigFrom({}, {})).toBeUndefined();
  });

  it('explains a bad broker URL, organisation or certificate file in one line', () => {
    expect(() => syncConfigFrom({ broker: ['city:1883'] }, {})).toThrow(/unsupported broker URL scheme/);
    expect(() => syncConfigFrom({ broker: ['mqtt://a'], org: 'a/b' }, {})).toThrow(/--org "a\/b" may only use/);
    expect(() => syncConfigFrom({ broker: ['mqtts://a'], 'broker-ca': '/nonexistent/ca.pem' }, {})).toThrow(/--broker-ca \/nonexistent\/ca.pem: no such file/);
    expect(() => syncConfigFrom({ broker: ['mqtts://a'], 'broker-cert': '/x.pem' }, {})).toThrow(/go together/);
  });
});
