import { connectMqtt, type MqttConfig } from '../mqtt/connection.ts';
import type { Logger } from '../logger.ts';
import { checkSegment } from '../sync/topics.ts';

/** An organisation's name when none is given, as `polder serve` and sync default it. */
export const defaultOrg = 'polder';

/** The topic an organisation's reports arrive on (the org of `polder serve --org`, default "polder"); one report per message. */
export function reportsTopic(org: string): string {
  checkSegment('organisation name', org);
  return `polder/v1/${org}/reports`;
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
