import { afterEach, describe, expect, it } from 'vitest';
import type { CapImport } from '../../api/cap.ts';
import { repoPaths } from '../../paths.ts';
import { testService } from '../../ops/test-service.ts';
import { createCapFeed } from './cap-feed.ts';
import { createCapService } from './cap-service.ts';
import { createCapValidator } from './cap-validate.ts';

const validator = createCapValidator(repoPaths.resources);
const ctx = { session: { id: 's-feed', actorId: 'eoc-lead' } };
const quiet = { info() {}, warn() {}, error() {} };
const opened: ReturnType<typeof testService>[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((t) => t.close()));
});

function node(sender: string) {
  const t = testService();
  opened.push(t);
  const cap = createCapService({ db: t.service.store.db, validator, queue: t.service, clock: t.clock, sender, areaDesc: 'Merewether' });
  return { ...t, cap };
}

async function capMessages(n: number) {
  const from = node('council@nsw');
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const { alert } = await from.as('eoc-lead')('alerts.raise', { source: 'field', title: `Flooding in street ${i}`, severity: 'Severe', urgency: 'Immediate', certainty: 'Observed' });
    out.push((await from.cap.export(alert.id, ctx)).xml);
  }
  return out;
}

describe('the CAP feed inbox', () => {
  it('keeps each message on disk as it arrives, and takes them in oldest first, good and bad', async () => {
    const [a, b] = await capMessages(2);
    const eoc = node('dev@polder');
    const results: [string, CapImport][] = [];
    const feed = createCapFeed({ db: eoc.service.store.db, cap: eoc.cap, ctx, clock: eoc.clock, logger: quiet, onResult: (origin, r) => results.push([origin, r]) });
    feed.receive('cap/in', Buffer.from(a!));
    // Written before receive returns: the broker's PUBACK goes out only after this.
    expect(eoc.service.store.db.prepare('SELECT count(*) FROM cap_inbox').pluck().get()).toBe(1);
    feed.receive('cap/in', Buffer.from('<alert>broken'));
    feed.receive('cap/in', Buffer.from(b!));
    for (let i = 0; i < 200 && results.length < 3; i++) await new Promise((r) => setTimeout(r, 20));
    expect(results.map(([origin, r]) => [origin, r.accepted])).toEqual([
      ['mqtt: cap/in', true],
      ['mqtt: cap/in', false],
      ['mqtt: cap/in', true],
    ]);
    expect(feed.waiting()).toBe(0);
    expect((await eoc.as('eoc-lead')('alerts.list', { status: 'all' })).map((x) => x.title).sort()).toEqual(['Flooding in street 0', 'Flooding in street 1']);
    expect(eoc.cap.rejected(10)).toMatchObject([{ origin: 'mqtt: cap/in' }]);
  });

  it('takes in what a crash left in the inbox', async () => {
    const [a] = await capMessages(1);
    const eoc = node('dev@polder');
    eoc.service.store.db.prepare("INSERT INTO cap_inbox (received_at, origin, document) VALUES (1, 'mqtt: cap/in', ?)").run(Buffer.from(a!));
    const feed = createCapFeed({ db: eoc.service.store.db, cap: eoc.cap, ctx, clock: eoc.clock, logger: quiet });
    expect(feed.waiting()).toBe(1);
    await feed.drain();
    expect(feed.waiting()).toBe(0);
    expect(await eoc.as('eoc-lead')('alerts.list', { status: 'all' })).toHaveLength(1);
  });
});
