import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { until } from './test-broker.ts';
import { brokerAccountFromEnv, readBrokerAccounts } from './broker-accounts.ts';
import { connectMqtt, type MqttConnection, type MqttMessage } from './connection.ts';
import { startEmbeddedBroker, type EmbeddedBroker } from './embedded-broker.ts';

let broker: EmbeddedBroker | undefined;
let dir: string | undefined;
const open: MqttConnection[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
  await broker?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the embedded broker with accounts', () => {
  it('refuses a client without credentials or with a wrong password, and serves one that gives them', async () => {
    const folder = (dir = mkdtempSync(join(tmpdir(), 'polder-broker-users-')));
    const file = join(folder, 'users.txt');
    writeFileSync(file, '# crisis room\nroom-1:s3cret:with-colon\n\nroom-2:other\n', { mode: 0o600 });
    broker = await startEmbeddedBroker({ accounts: readBrokerAccounts(file) });
    const connect = (clientId: string, account: { username?: string; password?: string }, onMessage?: (m: MqttMessage) => void) => {
      const c = connectMqtt({ brokers: [broker!.url], clientId, retryDelayMs: 50, connectTimeoutMs: 1000, ...account }, { onMessage });
      open.push(c);
      return c;
    };
    const anonymous = connect('anonymous', {});
    const wrong = connect('wrong', { username: 'room-1', password: 's3cret' });
    // (The first refusal is aedes declining MQTT 5; the 3.1.1 retry is the one that meets the check.)
    const refused = (c: MqttConnection) => /Connection refused: Bad username or password/.test(c.lastError ?? '');
    await until('both refused for their credentials', () => refused(anonymous) && refused(wrong), 8000);

    const received: MqttMessage[] = [];
    const member = connect('member', { username: 'room-1', password: 's3cret:with-colon' }, (m) => received.push(m));
    await until('connected', () => member.connected, 8000);
    await member.subscribe(['room/#']);
    await member.publish('room/hello', 'hi');
    await until('its own message back', () => received.length === 1, 8000);
    expect(anonymous.connected || wrong.connected).toBe(false);
  });

  it('reads accounts from the environment and refuses a users file others can read, or a malformed one', () => {
    expect(brokerAccountFromEnv({})).toBeNull();
    expect(brokerAccountFromEnv({ POLDER_BROKER_USERNAME: 'room-1', POLDER_BROKER_PASSWORD: 'pw' })).toEqual({ username: 'room-1', password: 'pw' });
    expect(() => brokerAccountFromEnv({ POLDER_BROKER_USERNAME: 'room-1' })).toThrow(/go together/);
    const folder = (dir = mkdtempSync(join(tmpdir(), 'polder-broker-users-')));
    const file = join(folder, 'users.txt');
    writeFileSync(file, 'room-1:pw\n', { mode: 0o644 });
    chmodSync(file, 0o644);
    expect(() => readBrokerAccounts(file)).toThrow(/can be read by other users of this machine: chmod 600 it/);
    chmodSync(file, 0o600);
    writeFileSync(file, 'room-1\n');
    expect(() => readBrokerAccounts(file)).toThrow(/line 1: expected username:password/);
    expect(() => readBrokerAccounts(join(folder, 'missing.txt'))).toThrow(/does not exist/);
  });
});
