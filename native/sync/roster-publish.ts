import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { verifyRoster, type Roster } from '../identity/roster.ts';
import { connectMqtt } from '../mqtt/connection.ts';
import type { SyncConfig } from './handlers.ts';
import { syncTopics } from './topics.ts';

/**
 * Publishes a signed roster, retained, on the organisation's roster topic: every node, online now
 * or later, gets it from the broker and adopts it if it is newer under the admin key it holds.
 * An unsigned or altered roster is refused here, before any node would have to refuse it.
 */
export async function publishRoster(raw: unknown, config: SyncConfig, options: { connectWithinMs?: number } = {}): Promise<{ roster: Roster; topic: string; broker: string }> {
  const checked = verifyRoster(raw);
  if (!checked.ok) throw new Error(`not published: ${checked.problem}`);
  const topic = syncTopics(config.org).roster;
  // A one-off client: the broker forgets its session as soon as it leaves.
  const conn = connectMqtt({ ...config.mqtt, brokers: config.brokers, clientId: `polder-roster-${randomUUID()}`, sessionExpirySeconds: 0, retryDelayMs: 250 });
  try {
    const limit = options.connectWithinMs ?? 10_000;
    for (let waited = 0; !conn.connected && waited < limit; waited += 50) await sleep(50);
    if (!conn.connected) throw new Error(`not published: no broker answered within ${Math.round(limit / 1000)} s${conn.lastError ? ` (${conn.lastError})` : ''}`);
    const broker = conn.url!;
    await conn.publish(topic, JSON.stringify(checked.roster), { retain: true });
    return { roster: checked.roster, topic, broker };
  } finally {
    await conn.close();
  }
}
