import type { Logger } from '../logger.ts';
import type { MqttConfig } from '../mqtt/connection.ts';
import { startTopicLink } from '../mqtt/topic-link.ts';
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

/** Subscribes the node to the sensors' topics, handing every message to the ingest, which accepts or quarantines all of it. */
export function startSensorLink(options: SensorLinkOptions) {
  return startTopicLink({ ...options, name: 'sensors', topics: sensorTopics });
}
