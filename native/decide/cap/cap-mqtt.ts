import type { Logger } from '../../logger.ts';
import { connectMqtt, type MqttTls } from '../../mqtt/connection.ts';
import type { CapFeed } from './cap-feed.ts';

/** CAP messages from an MQTT topic into the alert queue, as one person (their rights, their name in the log). */
export interface CapMqttConfig {
  /** Broker URLs in failover order. */
  brokers: readonly string[];
  /** Topic filter to subscribe to ("cap/#"). */
  topic: string;
  /** Who takes the messages in: the alerts raised are logged under them. */
  actorId: string;
  tls?: MqttTls;
}

/**
 * Subscribes to the CAP topic and hands every message to the feed, whose inbox holds it on disk
 * before the broker gets its PUBACK (QoS 1, a persistent session per node: messages published
 * while the node is away are delivered when it is back). What the inbox still holds is taken in
 * at once.
 */
export function startCapMqtt({ config, feed, clientId, logger }: { config: CapMqttConfig; feed: CapFeed; clientId: string; logger: Logger }) {
  const link = connectMqtt(
    { brokers: config.brokers, clientId, ...(config.tls ? { tls: config.tls } : {}) },
    {
      onMessage: (message) => feed.receive(message.topic, message.payload),
      onError: (url, error) => logger.warn(`CAP feed: broker ${url}: ${error.message}`),
    },
  );
  void link.subscribe([config.topic]).catch((err: unknown) => logger.warn(`CAP feed: cannot subscribe to ${config.topic}: ${err instanceof Error ? err.message : String(err)}`));
  void feed.drain();
  return {
    get connected() {
      return link.connected;
    },
    close: () => link.close(),
  };
}
