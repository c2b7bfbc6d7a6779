import { connectMqtt, type MqttConfig } from '../mqtt/connection.ts';
import type { Logger } from '../logger.ts';
import { compactTopic, observationsTopicFilter } from './payload.ts';

export interface SensorLinkOptions {
  brokers: readonly string[];
  /** Fixed per node, so the broker keeps the subscription and queues readings while the node is away. */
  clientId: string;
  /** Takes every message on the sensors' topics. */
  receive(topic: string, payload: Buffer): void;
  logger: Logger;
  mqtt?: Partial<Omit<MqttConfig, 'brokers' | 'clientId'>>;
}

/** The topics a node subscribes to for readings: every Observations topic, and the compact gateway topic. */
export const sensorTopics = [observationsTopicFilter, compactTopic] as const;

/**
 * Subscribes the node to the sensors' topics over the shared MQTT link (QoS 1, persistent
 * session), handing every message to the ingest, which accepts or quarantines all of it.
 */
export function startSensorLink(options: SensorLinkOptions) {
  const { logger } = options;
  const link = connectMqtt(
    { ...options.mqtt, brokers: options.brokers, clientId: options.clientId },
    {
      onMessage: (message) => options.receive(message.topic, message.payload),
      onConnect: (info) => logger.info(`sensors: subscribed at ${info.url}${info.sessionPresent ? ' (session kept)' : ''}`),
      onDisconnect: (url, reason) => logger.warn(`sensors: link to ${url} lost (${reason}); reconnecting`),
    },
  );
  void link.subscribe(sensorTopics).catch((err: unknown) => logger.warn(`sensors: subscribe failed: ${err instanceof Error ? err.message : String(err)}`));
  return {
    get connected() {
      return link.connected;
    },
    close: () => link.close(),
  };
}
