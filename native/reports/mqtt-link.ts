import { connectMqtt, type MqttConfig } from '../mqtt/connection.ts';
import type { Logger } from '../logger.ts';
import { checkSegment } from '../sync/topics.ts';

/**
 * The topic reports arrive on: `polder/v1/<org>/reports` for a node of an organisation (the
 * org of `polder serve --org`), `polder/v1/reports` for one that has none. One report per message.
 */
export function reportsTopic(org: string | null): string {
  if (org) checkSegment('organisation name', org);
  return org ? `polder/v1/${org}/reports` : 'polder/v1/reports';
}

export interface ReportLinkOptions {
  brokers: readonly string[];
  /** Fixed per node, so the broker keeps the subscription and queues reports while the node is away. */
  clientId: string;
  org: string | null;
  receive(topic: string, payload: Buffer): void;
  logger: Logger;
  mqtt?: Partial<Omit<MqttConfig, 'brokers' | 'clientId'>>;
}

/** Subscribes the node to the reports topic over the shared MQTT link (QoS 1, persistent session). */
export function startReportLink(options: ReportLinkOptions) {
  const { logger } = options;
  const topic = reportsTopic(options.org);
  const link = connectMqtt(
    { ...options.mqtt, brokers: options.brokers, clientId: options.clientId },
    {
      onMessage: (message) => options.receive(message.topic, message.payload),
      onConnect: (info) => logger.info(`reports: subscribed to ${topic} at ${info.url}`),
      onDisconnect: (url, reason) => logger.warn(`reports: link to ${url} lost (${reason}); reconnecting`),
    },
  );
  void link.subscribe([topic]).catch((err: unknown) => logger.warn(`reports: subscribe failed: ${err instanceof Error ? err.message : String(err)}`));
  return {
    topic,
    /** Connected, with the subscription made. */
    get connected() {
      return link.connected;
    },
    close: () => link.close(),
  };
}
