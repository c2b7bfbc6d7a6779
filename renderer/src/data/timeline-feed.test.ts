import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../../native/api/ops.ts';
import { createTimelineFeed, mergeEntries, timelineMatches } from './timeline-feed.ts';

const entry = (id: string, at: number, over: Partial<TimelineEntry> = {}): TimelineEntry => ({
  id, at, actorId: 'fire-lead', department: 'fire', type: 'task.created', kind: 'task', entityId: `t-${id}`, summary: `Task created: ${id}`, text: null, ...over,
});
const ids = (list: readonly TimelineEntry[] | null) => (list ?? []).map((e) => e.id);
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('timelineMatches', () => {
  it('matches as timeline.query filters: exact fields, text in summary or note with ASCII case folded only', () => {
    const e = entry('a', 1, { summary: 'Alert raised: Glebe Rd', text: 'Ärzte on site' });
    expect(timelineMatches(e, {})).toBe(true);
    expect(timelineMatches(e, { department: 'fire', kind: 'task', actorId: 'fire-lead', entityId: 't-a' })).toBe(true);
    expect(timelineMatches(e, { department: 'police' })).toBe(false);
    expect(timelineMatches(e, { text: 'glebe RD' })).toBe(true);
    expect(timelineMatches(e, { text: 'Ärzte' })).toBe(true);
    // SQLite's LIKE does not fold Ä to ä, so neither does the panel.
    expect(timelineMatches(e, { text: 'ärzte' })).toBe(false);
  });
});

describe('mergeEntries', () => {
  it('puts pushed entries in by time, newest first, once each, keeping the newest `limit`', () => {
    const list = [entry('c', 30), entry('a', 10)];
    expect(ids(mergeEntries(list, [entry('b', 20), entry('d', 40), entry('c', 30)], 10))).toEqual(['d', 'c', 'b', 'a']);
    expect(ids(mergeEntries(list, [entry('d', 40)], 2))).toEqual(['d', 'c']);
  });
});

describe('createTimelineFeed', () => {
  it('queries once, then grows from what each push carries without asking again', async () => {
    const calls: number[] = [];
    let shown: TimelineEntry[] | null = null;
    const feed = createTimelineFeed({ query: async (limit) => (calls.push(limit), [entry('a', 10)]), show: (e) => (shown = e), fail: (m) => expect.fail(m) }, 3);
    const heard: string[] = [];
    feed.onAppended((fresh) => heard.push(...ids(fresh)));
    feed.reload();
    feed.appended([entry('a', 10), entry('b', 20)]); // raced the query: `a` is in its answer, `b` is not
    await settle();
    expect(ids(shown)).toEqual(['b', 'a']);
    feed.appended([entry('c', 30), entry('d', 40)]);
    expect(ids(shown)).toEqual(['d', 'c', 'b']);
    expect(calls).toEqual([3]);
    expect(heard).toEqual(['a', 'b', 'c', 'd']);
  });
});
