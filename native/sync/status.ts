import type { Database } from 'better-sqlite3';
import type { SyncStatus } from '../api/sync.ts';
import { createPeers } from './peers.ts';

const keys = { brokers: 'sync_brokers', connected: 'sync_connected', lastSync: 'sync_last' } as const;

/** What the sync link last recorded about itself, so `polder sync status` can read it beside a running node. */
export function syncMeta(db: Database) {
  const get = db.prepare<[string], string>('SELECT value FROM meta WHERE key = ?').pluck();
  const put = db.prepare<[string, string]>('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const read = (key: string): unknown => {
    const text = get.get(key);
    return text === undefined ? null : (JSON.parse(text) as unknown);
  };
  return {
    brokers: () => (read(keys.brokers) as string[] | null) ?? [],
    connected: () => read(keys.connected) as string | null,
    lastSync: () => read(keys.lastSync) as number | null,
    setBrokers: (brokers: readonly string[]) => void put.run(keys.brokers, JSON.stringify(brokers)),
    setConnected: (url: string | null) => void put.run(keys.connected, JSON.stringify(url)),
    setLastSync: (at: number) => void put.run(keys.lastSync, JSON.stringify(at)),
  };
}

/** The sync status as the store holds it. */
export function readSyncStatus(db: Database, now: () => number): SyncStatus {
  const meta = syncMeta(db);
  const count = (sql: string) => db.prepare<[], number>(sql).pluck().get() ?? 0;
  return {
    brokers: meta.brokers(),
    connected: meta.connected(),
    lastSync: meta.lastSync(),
    outbox: count('SELECT count(*) FROM outbox WHERE sent_at IS NULL'),
    peers: createPeers(db, now).list(),
    quarantined: count('SELECT count(*) FROM quarantine'),
    conflicts: count('SELECT count(*) FROM conflicts'),
  };
}
