import type { CapMqttConfig } from '../decide/cap/cap-mqtt.ts';
import type { SyncConfig } from '../sync/handlers.ts';
import { UsageError } from './command.ts';

export const capFeedFlags = {
  'cap-topic': { type: 'string' },
  'cap-as': { type: 'string' },
} as const;

/** CAP from an MQTT topic (`--cap-topic cap/#` or POLDER_CAP_TOPIC), through the brokers sync
 * uses, taken in as `--cap-as <person>` (or POLDER_CAP_AS); undefined without a topic. */
export function capFeedConfigFrom(values: { 'cap-topic'?: string; 'cap-as'?: string }, sync: SyncConfig | undefined, env: NodeJS.ProcessEnv = {}): CapMqttConfig | undefined {
  const topic = values['cap-topic'] ?? env.POLDER_CAP_TOPIC;
  const actorId = values['cap-as'] ?? env.POLDER_CAP_AS;
  if (!topic) {
    if (actorId) throw new UsageError('--cap-as needs --cap-topic');
    return undefined;
  }
  if (!sync) throw new UsageError('--cap-topic needs a broker: give --broker <url> (or POLDER_BROKERS)');
  if (!actorId) throw new UsageError('--cap-topic needs --cap-as <person id>: the alerts it raises are logged under that person');
  if (topic.includes('\u0000') || topic.length > 200) throw new UsageError('--cap-topic must be an MQTT topic filter of at most 200 characters');
  const tls = sync.mqtt?.tls;
  return { brokers: sync.brokers, topic, actorId, ...(tls ? { tls } : {}) };
}
