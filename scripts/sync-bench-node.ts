// One sync node of scripts/bench-sync.ts in its own worker thread, as it would be its own machine.
import { parentPort, workerData } from 'node:worker_threads';
import { testNodes } from '../native/sync/test-nodes.ts';
import type { SyncLinkOptions } from '../native/sync/link.ts';

type Request = { id: number } & ({ cmd: 'connect'; url: string } | { cmd: 'write'; n: number; prefix: string } | { cmd: 'state' } | { cmd: 'ids' } | { cmd: 'close' });

const { index, org, link } = workerData as { index: number; org: string; link: Partial<SyncLinkOptions> };
const [node] = testNodes(1, { org, link, firstIndex: index });
if (!node) throw new Error('no node');
const count = node.service.store.db.prepare<[], number>('SELECT count(*) FROM events').pluck();
const received = { applied: 0, duplicates: 0, rejected: 0 };
const apply = node.service.applyRemoteEvents.bind(node.service);
node.service.applyRemoteEvents = (events, signedBy) => {
  const result = apply(events, signedBy);
  received.applied += result.applied.length;
  received.duplicates += result.duplicates.length;
  received.rejected += result.rejected.length;
  return result;
};

parentPort!.on('message', async (req: Request) => {
  const reply = (value: unknown) => parentPort!.postMessage({ id: req.id, value });
  switch (req.cmd) {
    case 'connect':
      node.connect([req.url]);
      return reply(null);
    case 'write': {
      const log = node.as('police-1');
      for (let i = 0; i < req.n; i++) await log('log.append', { text: `${req.prefix} ${i}` });
      return reply(null);
    }
    case 'state':
      return reply({ events: count.get() ?? 0, pending: node.service.outbox.pendingCount(), connected: node.link?.connected ?? false, peers: node.link?.status().peers.length ?? 0, received });
    case 'ids':
      return reply(node.eventIds().join(','));
    case 'close':
      await node.close();
      reply(null);
      return parentPort!.close();
  }
});
