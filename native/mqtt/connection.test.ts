import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectMqtt, parseBrokerUrl, type ConnectedInfo, type MqttConnection, type MqttMessage } from './connection.ts';
import { freeLoopbackPort } from './free-port.ts';
import { startAedes, startMosquitto, startProxy, until, type Mosquitto } from './test-broker.ts';

function recorder() {
  const connects: ConnectedInfo[] = [];
  const messages: MqttMessage[] = [];
  const disconnects: string[] = [];
  return {
    connects,
    messages,
    disconnects,
    events: {
      onConnect: (info: ConnectedInfo) => connects.push(info),
      onMessage: (m: MqttMessage) => messages.push(m),
      onDisconnect: (url: string) => disconnects.push(url),
    },
  };
}

describe('the MQTT connection over real brokers', () => {
  let mosquitto: Mosquitto;
  const open: MqttConnection[] = [];
  const link = (...args: Parameters<typeof connectMqtt>) => {
    const c = connectMqtt(...args);
    open.push(c);
    return c;
  };
  beforeAll(async () => {
    mosquitto = await startMosquitto({ maxQueuedMessages: 50 });
  });
  afterAll(async () => {
    await Promise.all(open.map((c) => c.close()));
    await mosquitto.stop();
  });

  it('speaks MQTT 5 to mosquitto, keeps its session while away, and gets what it missed', async () => {
    const a = recorder();
    const first = link({ brokers: [mosquitto.url], clientId: 'session-a', sessionExpirySeconds: 60 }, a.events);
    await first.subscribe(['t/session/#']);
    await until('connect', () => first.connected, 8000);
    expect(a.connects[0]).toMatchObject({ protocolVersion: 5, sessionPresent: false });
    await first.close();

    const sender = link({ brokers: [mosquitto.url], clientId: 'session-sender' });
    await until('sender', () => sender.connected, 8000);
    await sender.publish('t/session/1', 'while away');

    const b = recorder();
    const again = link({ brokers: [mosquitto.url], clientId: 'session-a', sessionExpirySeconds: 60 }, b.events);
    await until('queued message', () => b.messages.length === 1, 8000);
    expect(b.connects[0]?.sessionPresent).toBe(true);
    expect(b.messages[0]?.payload.toString()).toBe('while away');
    await again.close();
  });

  it('falls back to MQTT 3.1.1 for aedes', async () => {
    const aedes = await startAedes();
    try {
      const r = recorder();
      const c = link({ brokers: [aedes.url], clientId: 'aedes-client' }, r.events);
      await c.subscribe(['t/aedes']);
      await until('connect', () => c.connected, 8000);
      expect(r.connects.at(-1)?.protocolVersion).toBe(4);
      await c.publish('t/aedes', 'hello');
      await until('echo', () => r.messages.length === 1, 8000);
      await c.close();
    } finally {
      await aedes.close();
    }
  });

  it('uses the first reachable broker in order and returns to it when the link drops', async () => {
    const deadPort = await freeLoopbackPort();
    const aedes = await startAedes();
    try {
      const r = recorder();
      const c = link({ brokers: [`mqtt://127.0.0.1:${deadPort}`, aedes.url, mosquitto.url], clientId: 'failover', retryDelayMs: 50 }, r.events);
      await until('connect', () => c.connected, 8000);
      expect(c.url).toBe(aedes.url);
      await aedes.close();
      await until('failover to mosquitto', () => c.url === mosquitto.url, 8000);
      expect(r.disconnects).toContain(aedes.url);
      await c.close();
    } finally {
      await aedes.close().catch(() => {});
    }
  });

  it('rejects a publish with no broker, reconnects after a reset and after mosquitto is killed and restarted', async () => {
    const proxy = await startProxy({ port: mosquitto.port });
    try {
      const r = recorder();
      const c = link({ brokers: [proxy.url], clientId: 'proxied', retryDelayMs: 50 }, r.events);
      await c.subscribe(['t/proxied']);
      await until('connect', () => c.connected, 8000);
      proxy.setMode({ kind: 'reset' });
      await until('drop', () => !c.connected, 8000);
      await expect(c.publish('t/proxied', 'x')).rejects.toThrow(/not connected/);
      proxy.setMode({ kind: 'delay', delayMs: 30 });
      await until('reconnect', () => c.connected, 8000);
      await c.publish('t/proxied', 'after reset');
      await until('message', () => r.messages.some((m) => m.payload.toString() === 'after reset'), 8000);

      proxy.setMode({ kind: 'pass' });
      await mosquitto.kill9();
      await until('drop on kill', () => !c.connected, 8000);
      await mosquitto.start();
      await until('reconnect after restart', () => c.connected, 10_000);
      expect(r.connects.at(-1)?.sessionPresent).toBe(false);
      await c.publish('t/proxied', 'after restart');
      await until('resubscribed', () => r.messages.some((m) => m.payload.toString() === 'after restart'), 8000);
      await c.close();
    } finally {
      await proxy.close();
    }
  });

  it('a blackholed link delivers nothing until it passes again', async () => {
    const proxy = await startProxy({ port: mosquitto.port });
    try {
      const r = recorder();
      const c = link({ brokers: [proxy.url], clientId: 'blackholed' }, r.events);
      await c.subscribe(['t/bh']);
      await until('connect', () => c.connected, 8000);
      const sender = link({ brokers: [mosquitto.url], clientId: 'bh-sender' });
      await until('sender', () => sender.connected, 8000);
      proxy.setMode({ kind: 'blackhole' });
      await sender.publish('t/bh', 'swallowed?');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(r.messages).toHaveLength(0);
      await c.close(false);
    } finally {
      await proxy.close();
    }
  });

  it('refuses a bad broker URL in one clear line', () => {
    expect(() => parseBrokerUrl('broker:1883')).toThrow(/unsupported broker URL scheme/);
    expect(() => parseBrokerUrl('not a url')).toThrow(/not a broker URL/);
    expect(() => connectMqtt({ brokers: [], clientId: 'x' })).toThrow(/no MQTT broker configured/);
  });
});
