import mqtt, { type IClientOptions, type ISubscriptionMap, type MqttClient } from 'mqtt';

/** TLS by configuration: a private CA, and a client certificate where the broker asks for one. */
export interface MqttTls {
  ca?: string | Buffer;
  cert?: string | Buffer;
  key?: string | Buffer;
  /** Defaults to true; only tests against a throwaway CA should need false. */
  rejectUnauthorized?: boolean;
  servername?: string;
}

export interface MqttWill {
  topic: string;
  payload: string | Buffer;
  retain?: boolean;
  qos?: 0 | 1;
}

export interface MqttConfig {
  /** Broker URLs (mqtt://, mqtts://, ws://, wss://) in order of preference. */
  brokers: readonly string[];
  /** Fixed per node, so the broker can keep its session between connections. */
  clientId: string;
  /** How long the broker keeps the session while the node is away (MQTT 5). Default: 7 days. */
  sessionExpirySeconds?: number;
  username?: string;
  password?: string;
  tls?: MqttTls;
  will?: MqttWill;
  keepaliveSeconds?: number;
  connectTimeoutMs?: number;
  /** Pause after every broker in the list failed before starting over from the first. */
  retryDelayMs?: number;
}

export interface MqttMessage {
  topic: string;
  payload: Buffer;
  retain: boolean;
}

export interface ConnectedInfo {
  url: string;
  /** The broker still held this client's session (subscriptions and queued messages). */
  sessionPresent: boolean;
  protocolVersion: 4 | 5;
}

export interface MqttConnectionEvents {
  /** Called once per established connection, after the subscriptions were (re)made. */
  onConnect?: (info: ConnectedInfo) => void;
  onDisconnect?: (url: string, reason: string) => void;
  /** Called before the broker gets its PUBACK: work done here synchronously is acknowledged. */
  onMessage?: (message: MqttMessage) => void;
  onError?: (url: string, error: Error) => void;
}

export type MqttConnection = ReturnType<typeof connectMqtt>;

const defaultSessionExpiry = 7 * 24 * 3600;
/** CONNACK codes for "this broker does not speak that protocol version" in MQTT 3.1.1 and 5. */
const unsupportedProtocol = new Set([1, 132]);

/**
 * One MQTT link over an ordered list of brokers. It connects to the first broker that answers,
 * and when the link drops it starts again from the top of the list, so the preferred broker is
 * used whenever it is reachable. QoS 1 throughout, persistent session (clean: false) with an
 * expiry; a broker that refuses MQTT 5 (aedes speaks 3.1.1) is retried with 3.1.1.
 *
 * Nothing is queued here: `publish` resolves on PUBACK and rejects when there is no link, and the
 * caller's durable store decides what to resend.
 */
export function connectMqtt(config: MqttConfig, events: MqttConnectionEvents = {}) {
  if (config.brokers.length === 0) throw new Error('no MQTT broker configured: give at least one broker URL');
  for (const url of config.brokers) parseBrokerUrl(url);
  const state = {
    closed: false,
    client: null as MqttClient | null,
    connectedUrl: null as string | null,
    index: 0,
    retry: null as NodeJS.Timeout | null,
    /** Filter → whether the broker should hold back this client's own publications (MQTT 5 No Local). */
    subscriptions: new Map<string, boolean>(),
    v4Only: new Set<string>(),
    /** Publishes awaiting their PUBACK: failed at once when the link drops, as mqtt.js may never call back. */
    awaiting: new Set<(error: Error) => void>(),
    lastError: null as string | null,
  };

  const clientOptions = (url: string): IClientOptions => {
    const v5 = !state.v4Only.has(url);
    return {
      clientId: config.clientId,
      clean: false,
      protocolVersion: v5 ? 5 : 4,
      ...(v5 ? { properties: { sessionExpiryInterval: config.sessionExpirySeconds ?? defaultSessionExpiry } } : {}),
      keepalive: config.keepaliveSeconds ?? 15,
      connectTimeout: config.connectTimeoutMs ?? 5000,
      reconnectPeriod: 0,
      resubscribe: false,
      username: config.username,
      password: config.password,
      ...(config.will ? { will: { topic: config.will.topic, payload: Buffer.from(config.will.payload), retain: config.will.retain ?? false, qos: config.will.qos ?? 1 } } : {}),
      ...(config.tls ? { ca: config.tls.ca, cert: config.tls.cert, key: config.tls.key, rejectUnauthorized: config.tls.rejectUnauthorized ?? true, servername: config.tls.servername } : {}),
    };
  };

  const scheduleNext = (failedIndex: number) => {
    if (state.closed || state.retry) return;
    const next = failedIndex + 1;
    const wrapped = next >= config.brokers.length;
    state.index = wrapped ? 0 : next;
    state.retry = setTimeout(() => {
      state.retry = null;
      attempt();
    }, wrapped ? (config.retryDelayMs ?? 1000) : 0);
  };

  const attempt = () => {
    if (state.closed) return;
    const index = state.index;
    const url = config.brokers[index] as string;
    const client = mqtt.connect(url, clientOptions(url));
    state.client = client;
    let settled = false;
    let retrySame = false;
    const fail = (reason: string) => {
      if (settled) return;
      settled = true;
      const wasConnected = state.connectedUrl === url && state.client === client;
      if (state.client === client) {
        state.client = null;
        state.connectedUrl = null;
      }
      client.removeAllListeners();
      client.on('error', () => {});
      client.end(true);
      failAwaiting(`link to ${url} lost: ${reason}`);
      if (wasConnected) events.onDisconnect?.(url, reason);
      // After losing a live link, start again from the most preferred broker.
      scheduleNext(wasConnected ? -1 : retrySame ? index - 1 : index);
    };
    client.on('connect', (connack) => {
      if (state.closed || state.client !== client) return;
      const topics = subscriptionMap(state.subscriptions.keys());
      const ready = () => {
        state.connectedUrl = url;
        state.lastError = null;
        events.onConnect?.({ url, sessionPresent: connack.sessionPresent, protocolVersion: state.v4Only.has(url) ? 4 : 5 });
      };
      if (Object.keys(topics).length === 0) return ready();
      client.subscribe(topics, { qos: 1 }, (error) => (error ? fail(`subscribe failed: ${error.message}`) : ready()));
    });
    client.on('message', (topic, payload, packet) => {
      events.onMessage?.({ topic, payload, retain: packet.retain });
    });
    client.on('error', (error) => {
      const code = (error as { code?: number }).code;
      if (code !== undefined && unsupportedProtocol.has(code) && !state.v4Only.has(url)) {
        state.v4Only.add(url);
        retrySame = true; // the same broker again, with MQTT 3.1.1
      }
      state.lastError = `${url}: ${error.message}`;
      events.onError?.(url, error);
      fail(error.message);
    });
    client.on('close', () => fail('connection closed'));
    client.on('disconnect', (packet) => fail(`broker disconnected (reason ${packet.reasonCode ?? 0})`));
  };

  const subscriptionMap = (filters: Iterable<string>): ISubscriptionMap =>
    Object.fromEntries([...filters].map((f) => [f, { qos: 1 as const, nl: state.subscriptions.get(f) ?? false }]));

  const failAwaiting = (why: string) => {
    const waiting = [...state.awaiting];
    state.awaiting.clear();
    waiting.forEach((reject) => reject(new Error(why)));
  };

  attempt();

  const live = (): MqttClient => {
    if (!state.client || !state.connectedUrl) throw new Error('not connected to any broker');
    return state.client;
  };

  return {
    get connected(): boolean {
      return state.connectedUrl !== null;
    },
    /** The broker in use, or null while none is reachable. */
    get url(): string | null {
      return state.connectedUrl;
    },
    get lastError(): string | null {
      return state.lastError;
    },
    /** Resolves on PUBACK (QoS 1); rejects when no broker is connected or the link drops first. */
    publish(topic: string, payload: string | Buffer, options: { retain?: boolean; qos?: 0 | 1 } = {}): Promise<void> {
      return new Promise((resolve, reject) => {
        let client: MqttClient;
        try {
          client = live();
        } catch (error) {
          return reject(error as Error);
        }
        const fail = (error: Error) => reject(error);
        state.awaiting.add(fail);
        client.publish(topic, payload, { qos: options.qos ?? 1, retain: options.retain ?? false }, (error) => {
          if (!state.awaiting.delete(fail)) return;
          if (error) reject(error);
          else resolve();
        });
      });
    },
    /**
     * Subscribes now when connected, and again on every later connection. With `noLocal` an MQTT 5
     * broker does not send this client its own publications back (a 3.1.1 broker still does).
     */
    subscribe(filters: readonly string[], options: { noLocal?: boolean } = {}): Promise<void> {
      filters.forEach((f) => state.subscriptions.set(f, options.noLocal ?? false));
      if (!state.connectedUrl || !state.client) return Promise.resolve();
      const client = state.client;
      return new Promise((resolve, reject) => client.subscribe(subscriptionMap(filters), (error) => (error ? reject(error) : resolve())));
    },
    /** Closes the link; with `graceful` the broker does not publish the Last Will. */
    async close(graceful = true): Promise<void> {
      state.closed = true;
      if (state.retry) clearTimeout(state.retry);
      const client = state.client;
      state.client = null;
      state.connectedUrl = null;
      failAwaiting('the link was closed');
      if (!client) return;
      client.removeAllListeners();
      client.on('error', () => {});
      await new Promise<void>((resolve) => client.end(!graceful, {}, () => resolve()));
    },
  };
}

/** Throws one clear line for a broker URL Polder cannot use. */
export function parseBrokerUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`not a broker URL: "${url}" (expected e.g. mqtt://broker.example:1883 or mqtts://broker.example:8883)`);
  }
  if (!['mqtt:', 'mqtts:', 'ws:', 'wss:', 'tcp:', 'ssl:'].includes(parsed.protocol)) {
    throw new Error(`unsupported broker URL scheme "${parsed.protocol}" in ${url} (use mqtt://, mqtts://, ws:// or wss://)`);
  }
  return parsed;
}
