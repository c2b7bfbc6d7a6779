import type { SigningKey } from '../identity/keys.ts';
import { trustedDevices } from '../identity/test-roster.ts';
import { silentLogger } from '../logger.ts';
import { projectionDigest } from '../ops/projector.ts';
import { t0, testService } from '../ops/test-service.ts';
import { startSyncLink, type SyncLink, type SyncLinkOptions } from './link.ts';

const enrolledIds = Array.from({ length: 10 }, (_, i) => `dev_${String.fromCharCode(97 + i)}`);

export type TestNode = ReturnType<typeof testService> & {
  id: string;
  /** This node's signing key (for tests that forge what a stolen key could). */
  deviceKey: SigningKey;
  link: SyncLink | null;
  /** (Re)connects this node's link to `brokers`. */
  connect(brokers: readonly string[]): void;
  disconnect(): Promise<void>;
  eventIds(): string[];
  digest(): string;
};

/**
 * Nodes for sync tests, each a real ops service with its own data folder and manual clock; dev_a,
 * the roster's first workstation, seeds the standard units (native/ops/service.ts seedsUnits).
 */
export function testNodes(
  count: number,
  options: { org?: string; skewMs?: (index: number) => number; link?: Partial<SyncLinkOptions>; firstIndex?: number; revoked?: readonly { id: string; publicKey: string }[] } = {},
): TestNode[] {
  // One roster lists every test device (dev_a … dev_j, the same keys each time), as an
  // organisation's admin enrols its nodes before they sync.
  const { trusted } = trustedDevices(enrolledIds, options.revoked);
  return Array.from({ length: count }, (_, i) => {
    const index = (options.firstIndex ?? 0) + i;
    const id = `dev_${String.fromCharCode(97 + index)}`;
    const own = trusted(id);
    const env = testService(own, undefined, t0 + (options.skewMs?.(index) ?? 0));
    const node: TestNode = {
      ...env,
      id,
      deviceKey: own.deviceKey,
      link: null,
      connect(brokers) {
        node.link = startSyncLink({
          service: env.service,
          org: options.org ?? 'test',
          brokers,
          now: () => env.clock.now(),
          logger: silentLogger(),
          tickMs: 20,
          repairRetryMs: 300,
          repairGraceMs: 200,
          mqtt: { keepaliveSeconds: 1, connectTimeoutMs: 1000, retryDelayMs: 100 },
          ...options.link,
        });
      },
      async disconnect() {
        await node.link?.close();
        node.link = null;
      },
      eventIds: () => env.service.store.db.prepare<[], string>('SELECT id FROM events ORDER BY id').pluck().all(),
      digest: () => projectionDigest(env.service.store.db),
      close: async () => {
        await node.disconnect();
        await env.close();
      },
    };
    return node;
  });
}

/** Waits until every node holds the same events and has nothing left to send. */
export async function converged(nodes: readonly TestNode[], timeoutMs = 20_000): Promise<void> {
  let last = '';
  for (let waited = 0; waited < timeoutMs; waited += 50) {
    const sets = nodes.map((n) => n.eventIds().join(','));
    const unsent = nodes.reduce((sum, n) => sum + n.service.outbox.pendingCount(), 0);
    if (unsent === 0 && sets.every((s) => s === sets[0])) return;
    last = `unsent ${unsent}; events ${nodes.map((n, i) => `${n.id}=${sets[i]?.split(',').length}`).join(' ')}`;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`nodes did not converge within ${timeoutMs} ms (${last})`);
}
