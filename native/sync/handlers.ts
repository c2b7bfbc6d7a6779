import type { syncMethods, SyncStatus } from '../api/sync.ts';
import type { Logger } from '../logger.ts';
import type { OpsService } from '../ops/service.ts';
import type { HandlersFor } from '../rpc/handlers.ts';
import { startSyncLink, type SyncLinkOptions } from './link.ts';
import { readSyncStatus } from './status.ts';

export interface SyncConfig {
  /** Broker URLs in failover order; none means this node does not sync. */
  brokers: readonly string[];
  org: string;
  mqtt?: SyncLinkOptions['mqtt'];
}

/**
 * The sync link of an app (when brokers are configured) and its contract handlers. Without a
 * link the status still follows the outbox, so a node that never syncs shows what it holds.
 */
export function createSync(options: { service: OpsService; config?: SyncConfig; now: () => number; logger: Logger; emit: (status: SyncStatus) => void }) {
  const { service, config, now, logger } = options;
  const link = config && config.brokers.length > 0
    ? startSyncLink({ service, org: config.org, brokers: config.brokers, mqtt: config.mqtt, now, logger, onStatus: options.emit })
    : null;
  const watch = { last: '' };
  const watcher = link
    ? null
    : setInterval(() => {
        const status = readSyncStatus(service.store.db, now);
        const text = JSON.stringify(status);
        if (text !== watch.last) options.emit(status);
        watch.last = text;
      }, 1000);
  const handlers: HandlersFor<keyof typeof syncMethods> = {
    'sync.status': () => link?.status() ?? readSyncStatus(service.store.db, now),
  };
  return {
    handlers,
    link,
    async close() {
      if (watcher) clearInterval(watcher);
      await link?.close();
    },
  };
}
