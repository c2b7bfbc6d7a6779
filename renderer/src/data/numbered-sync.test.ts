import { describe, expect, it } from 'vitest';
import { createNumberedSync, type NumberedChange } from './numbered-sync.ts';

type Rows = Record<string, number>;

/** An in-memory stand-in for a host: rows by id, a change counter, a full query and a rows fetch. */
function fakeHost() {
  const rows: Rows = {};
  let seq = 0;
  const calls: string[] = [];
  const pushes: NumberedChange[] = [];
  return {
    calls,
    pushes,
    put(id: string, v: number) {
      rows[id] = v;
      pushes.push({ ids: [id], seq: ++seq });
    },
    remove(id: string) {
      delete rows[id];
      pushes.push({ ids: [id], seq: ++seq });
    },
    query: async () => (calls.push('query'), { value: { ...rows }, seq }),
    rows: async (ids: string[]) => {
      calls.push(`rows ${ids.length > 3 ? `${ids.length} ids` : ids.join(',')}`);
      const fresh = Object.fromEntries(ids.filter((id) => id in rows).map((id) => [id, rows[id]!]));
      const gone = ids.filter((id) => !(id in rows));
      return (value: Rows) => Object.fromEntries([...Object.entries(value).filter(([id]) => !gone.includes(id)), ...Object.entries(fresh)]);
    },
  };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

function syncOf(host: ReturnType<typeof fakeHost>, maxIds = 1000) {
  const seen: { value: Rows | null } = { value: null };
  const sync = createNumberedSync<Rows>({ ...host, maxIds, show: (v) => (seen.value = v), fail: (m) => expect.fail(m) });
  return { sync, seen };
}

describe('createNumberedSync', () => {
  it('patches only the rows each numbered push names, without querying everything again', async () => {
    const host = fakeHost();
    host.put('a', 1);
    const { sync, seen } = syncOf(host);
    sync.reload();
    await settle();
    host.put('a', 2);
    host.put('b', 1);
    host.remove('a');
    for (const p of host.pushes.slice(1)) sync.changed(p);
    await settle();
    expect(host.calls).toEqual(['query', 'rows a', 'rows b,a']);
    expect(seen.value).toEqual({ b: 1 });
  });

  it('fetches a burst in a few calls: ids named while a fetch is out go in the next, at most maxIds a call', async () => {
    const host = fakeHost();
    const { sync, seen } = syncOf(host, 250);
    sync.reload();
    await settle();
    for (let i = 0; i < 600; i++) host.put(`n${i}`, i);
    for (const p of host.pushes) sync.changed(p);
    await settle();
    expect(host.calls).toEqual(['query', 'rows n0', 'rows 250 ids', 'rows 250 ids', 'rows 99 ids']);
    expect(Object.keys(seen.value!)).toHaveLength(600);
  });

  it('queries everything again when a push number was skipped', async () => {
    const host = fakeHost();
    const { sync, seen } = syncOf(host);
    sync.reload();
    await settle();
    host.put('a', 1);
    host.put('b', 1);
    sync.changed(host.pushes[1]!); // number 1 never arrived
    await settle();
    expect(host.calls).toEqual(['query', 'query']);
    expect(seen.value).toEqual({ a: 1, b: 1 });
  });

  it('holds pushes that race a query: skips those it includes, applies those it does not', async () => {
    const host = fakeHost();
    host.put('a', 1);
    const { sync, seen } = syncOf(host);
    sync.reload();
    sync.changed(host.pushes[0]!);
    await settle();
    expect(host.calls).toEqual(['query']);

    sync.reload();
    host.put('b', 1); // after the query was answered: not in it
    sync.changed(host.pushes[1]!);
    await settle();
    expect(host.calls).toEqual(['query', 'query', 'rows b']);
    expect(seen.value).toEqual({ a: 1, b: 1 });
  });

  it('starts over from a full query when a row fetch fails', async () => {
    const host = fakeHost();
    let failRows = true;
    const sync = createNumberedSync<Rows>({
      ...host,
      rows: (ids) => (failRows ? ((failRows = false), Promise.reject(new Error('lost'))) : host.rows(ids)),
      maxIds: 1000,
      show: () => {},
      fail: (m) => expect.fail(m),
    });
    sync.reload();
    await settle();
    host.put('a', 1);
    sync.changed(host.pushes[0]!);
    await settle();
    expect(host.calls).toEqual(['query', 'query']);
  });

  it('fetches an extra patch after the named rows, once however often it was asked for meanwhile', async () => {
    const host = fakeHost();
    const { sync, seen } = syncOf(host);
    sync.reload();
    await settle();
    host.put('a', 1);
    sync.changed(host.pushes[0]!);
    const extra = async () => (host.calls.push('extra'), (v: Rows) => ({ ...v, due: 1 }));
    sync.patch(extra);
    sync.patch(extra);
    await settle();
    expect(host.calls).toEqual(['query', 'rows a', 'extra']);
    expect(seen.value).toEqual({ a: 1, due: 1 });
  });

  it('shows nothing more once stopped', async () => {
    const host = fakeHost();
    const { sync, seen } = syncOf(host);
    sync.reload();
    await settle();
    host.put('a', 1);
    sync.changed(host.pushes[0]!);
    sync.stop();
    await settle();
    expect(seen.value).toEqual({});
  });
});
