import type { Logger } from '../logger.ts';
import { connectMqtt, type MqttConfig } from './connection.ts';

export interface TopicLinkOptions {
  /** Who the link serves, as its log lines name it ("sensors", "reports"). */
  name: string;
  brokers: readonly string[];
  /** Fixed per node, so the broker keeps the subscription and queues messages while the node is away. */
  clientId: string;
  topics: readonly string[];
  /** Takes every message on the topics. */
  receive(topic: string, payload: Buffer): void;
  logger: Logger;
  mqtt?: Partial<Omit<MqttConfig, 'brokers' | 'clientId'>>;
}

/** Subscribes the node to `topics` over the shared MQTT connection layer (QoS 1, persistent session) and hands on every message. */
export function startTopicLink(options: TopicLinkOptions) {
  const { logger, name } = options;
  const link = connectMqtt(
    { ...options.mqtt, brokers: options.brokers, clientId: options.clientId },
    {
      onMessage: (message) => options.receive(message.topic, message.payload),
      onConnect: (info) => logger.info(`${name}: subscribed to ${options.topics.join(', ')} at ${info.url}${info.sessionPresent ? ' (session kept)' : ''}`),
      onDisconnect: (url, reason) => logger.warn(`${name}: link to ${url} lost (${reason}); reconnecting`),
    },
  );
  void link.subscribe(options.topics).catch((err: unknown) => logger.warn(`${name}: subscribe failed: ${err instanceof Error ? err.message : String(err)}`));
  return {
    /** Connected, with the subscription made. */
    get connected() {
      return link.connected;
    },
    close: () => link.close(),
  };
}
