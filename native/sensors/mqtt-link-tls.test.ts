import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, nodeRuntime } from '../app.ts';
import { systemClock } from '../clock/clock.ts';
import { connectMqtt } from '../mqtt/connection.ts';
import { startMosquitto, until, type Mosquitto } from '../mqtt/test-broker.ts';
import { makeTestCerts, type TestCerts } from '../mqtt/test-certs.ts';
import { repoPaths } from '../paths.ts';
import { observationsTopic } from './payload.ts';

const quiet = { info() {}, warn() {}, error() {} };

describe('the sensors link over TLS, with the options sync has (polder serve --broker-ca/--broker-cert/--broker-key)', () => {
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

  it('subscribes through a broker that wants a client certificate and takes a reading from it', async () => {
    const url = `mqtts://127.0.0.1:${broker.port}`;
    const tls = { ca: readFileSync(certs.ca), cert: readFileSync(certs.clientCert), key: readFileSync(certs.clientKey) };
    const clock = systemClock();
    const dataDir = mkdtempSync(join(tmpdir(), 'polder-sensors-tls-'));
    const app = await createApp({
      dataDir,
      resourcesDir: repoPaths.resources,
      clock,
      logger: quiet,
      host: 'serve',
      runtime: nodeRuntime(),
      tickMs: 60_000,
      sync: { brokers: [url], org: 'polder', mqtt: { tls } },
      brokers: [url],
    });
    const gateway = connectMqtt({ brokers: [url], clientId: 'tls-gauge-gateway', sessionExpirySeconds: 0, tls });
    try {
      await until('the sensors link to come up over TLS', () => app.sensorLinkConnected());
      await until('the gateway to connect', () => gateway.connected);
      await gateway.publish(observationsTopic('g-inlet'), JSON.stringify({ phenomenonTime: new Date(clock.now()).toISOString(), result: 0.12 }));
      await until('the reading to be taken', () => app.sensors.counts().received === 1);
      expect(app.sensors.counts()).toEqual({ received: 1, accepted: 1, quarantined: 0 });
    } finally {
      await gateway.close();
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 30_000);
});
