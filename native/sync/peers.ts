import type { Database } from 'better-sqlite3';
import type { SyncPeer } from '../api/sync.ts';

/** The other nodes this one has heard from, with their last contact. */
export function createPeers(db: Database, now: () => number) {
  const s = {
    seen: db.prepare<[string, number, number]>(
      'INSERT INTO sync_peers (node, online, last_seen) VALUES (?, ?, ?) ON CONFLICT (node) DO UPDATE SET online = excluded.online, last_seen = excluded.last_seen',
    ),
    list: db.prepare<[], { node: string; online: number; last_seen: number }>('SELECT node, online, last_seen FROM sync_peers ORDER BY node'),
  };
  return {
    seen: (node: string, online = true) => void s.seen.run(node, online ? 1 : 0, now()),
    list: (): SyncPeer[] => s.list.all().map((r) => ({ node: r.node, online: r.online === 1, lastSeen: r.last_seen })),
  };
}

export type Peers = ReturnType<typeof createPeers>;
