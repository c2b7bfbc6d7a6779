import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectMqtt, type MqttConnection } from './connection.ts';
import { makeTestCerts, type TestCerts } from './test-certs.ts';
import { startMosquitto, type Mosquitto } from './test-broker.ts';

async function settle(c: MqttConnection, ms = 3000): Promise<void> {
  for (let waited = 0; waited < ms && !c.connected && !c.lastError; waited += 20) await new Promise((r) => setTimeout(r, 20));
}

describe('TLS with client certificates against a mosquitto TLS listener', () => {
  let certs: TestCerts;
  let broker: Mosquitto;
  beforeAll(async () => {
    certs = makeTestCerts();
    broker = await startMosquitto({ tls: { cafile: certs.ca, certfile: certs.serverCert, keyfile: certs.serverKey, requireCertificate: true } });
  });
  afterAll(async () => {
    await broker.stop();
    certs.cleanup();
  });
  const url = () => `mqtts://127.0.0.1:${broker.port}`;

  it('connects with a certificate the broker trusts, and round-trips a message', async () => {
    const got: string[] = [];
    const c = connectMqtt(
      { brokers: [url()], clientId: 'tls-node-a', tls: { ca: readFileSync(certs.ca), cert: readFileSync(certs.clientCert), key: readFileSync(certs.clientKey) } },
      { onMessage: (m) => got.push(m.payload.toString()) },
    );
    try {
      await c.subscribe(['tls/t']);
      await settle(c);
      expect(c.connected, c.lastError ?? '').toBe(true);
      await c.publish('tls/t', 'over TLS');
      for (let i = 0; i < 100 && got.length === 0; i += 1) await new Promise((r) => setTimeout(r, 20));
      expect(got).toEqual(['over TLS']);
    } finally {
      await c.close();
    }
  });

  it('is refused without a client certificate, with one from another CA, and when the broker is not who the CA vouches for', async () => {
    const ca = readFileSync(certs.ca);
    const attempts = [
      connectMqtt({ brokers: [url()], clientId: 'tls-none', tls: { ca }, retryDelayMs: 60_000 }),
      connectMqtt({ brokers: [url()], clientId: 'tls-stranger', tls: { ca, cert: readFileSync(certs.strangerCert), key: readFileSync(certs.strangerKey) }, retryDelayMs: 60_000 }),
      connectMqtt({ brokers: [url()], clientId: 'tls-untrusting', tls: { ca: readFileSync(certs.strangerCert), cert: readFileSync(certs.clientCert), key: readFileSync(certs.clientKey) }, retryDelayMs: 60_000 }),
    ];
    try {
      await Promise.all(attempts.map((c) => settle(c)));
      // Each reached the TLS listener and was turned away there, for its own reason.
      expect(attempts.map((c) => c.connected)).toEqual([false, false, false]);
      expect(attempts[0]!.lastError).toMatch(/certificate required/);
      expect(attempts[1]!.lastError).toMatch(/unknown ca/);
      expect(attempts[2]!.lastError).toMatch(/self-signed certificate in certificate chain/);
    } finally {
      await Promise.all(attempts.map((c) => c.close()));
    }
  });
});
