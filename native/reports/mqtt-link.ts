import type { MqttConfig } from '../mqtt/connection.ts';
import { startTopicLink } from '../mqtt/topic-link.ts';
import type { Logger } from '../logger.ts';
import { syncTopics } from '../sync/topics.ts';

/** The topic an organisation's reports arrive on (the org of `polder serve --org`, default "polder"); one report per message. */
export function reportsTopic(org: string): string {
  return syncTopics(org).reports;
}

export interface ReportLinkOptions {
  brokers: readonly string[];
  /** Fixed per node, so the broker keeps the subscription and queues reports while the node is away. */
  clientId: string;
  org: string;
  receive(topic: string, payload: Buffer): void;
  logger: Logger;
  mqtt?: Partial<Omit<MqttConfig, 'brokers' | 'clientId'>>;
}

/** Subscribes the node to its organisation's reports topic. */
export function startReportLink(options: ReportLinkOptions) {
  const topic = reportsTopic(options.org);
  const link = startTopicLink({ ...options, name: 'reports', topics: [topic] });
  return {
    topic,
    get connected() {
      return link.connected;
    },
    close: link.close,
  };
}
