import { z } from 'zod';
import type { MethodSpecs, PushSpecs } from './spec.ts';

// Sync between workstations and field laptops over MQTT: what the link is doing, for the status
// bar, the peers panel and `polder sync status`.

export const SyncPeer = z.object({
  node: z.string(),
  /** Its presence: false once its Last Will or goodbye arrived. */
  online: z.boolean(),
  /** When this node last heard from it (ms since the epoch, by this node's clock). */
  lastSeen: z.number(),
});
export type SyncPeer = z.infer<typeof SyncPeer>;

export const SyncStatus = z.object({
  /** Configured brokers, in failover order; empty when this node does not sync. */
  brokers: z.array(z.string()),
  /** The broker in use, or null while none is reachable. */
  connected: z.string().nullable(),
  /** When an event last went out or came in (ms since the epoch), null if never. */
  lastSync: z.number().nullable(),
  /** Local events not yet acknowledged by a broker. */
  outbox: z.number().int(),
  peers: z.array(SyncPeer),
  /** Received events refused by their checks (the quarantine an EOC lead reviews with `quarantine.list`). */
  quarantined: z.number().int(),
  /** Open conflicts in the operations log. */
  conflicts: z.number().int(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const syncMethods = {
  'sync.status': { access: 'signedIn', args: z.object({}).strict(), result: SyncStatus },
} satisfies MethodSpecs;

export const syncPushes = {
  'sync.status': SyncStatus,
} satisfies PushSpecs;
