/** A numbered change push (tasks.changed, alerts.changed): the ids it touched. */
export interface NumberedChange {
  seq: number;
  ids: string[];
}

/** What a fetch brings: how to bring the value up to date with it, applied when it lands. */
export type Patch<V> = (value: V) => V;

export interface NumberedSyncDeps<V> {
  /** The whole value, with the number of the last change it includes. */
  query(): Promise<{ value: V; seq: number }>;
  /** The rows of these ids (at most `maxIds`), as a patch. */
  rows(ids: string[]): Promise<Patch<V>>;
  maxIds: number;
  show(value: V): void;
  fail(message: string): void;
}

/**
 * Keeps one value (a board, an alert list) current from numbered change pushes: a full query at
 * start (and when asked), then each push patches only the rows it names. Ids named while a fetch
 * is out wait and go in the next one, so a burst of changes costs a few fetches, not one per
 * change. A skipped number means a change was missed, and a failed fetch that one may have been:
 * either way the value is queried again in full. Pushes that race a query wait for it, and those
 * it already includes are skipped by their number.
 */
export function createNumberedSync<V>(deps: NumberedSyncDeps<V>) {
  let value: V | null = null;
  /** Pushes up to this number are in `value` or being fetched. */
  let seq = 0;
  let loading = false;
  let fetching = false;
  let stopped = false;
  let early: NumberedChange[] = [];
  const pending = new Set<string>();
  /** A patch asked for apart from the pushes (see `patch`), once the named rows are in. */
  let extra: (() => Promise<Patch<V>>) | null = null;

  function reload() {
    if (stopped) return;
    loading = true;
    early = [];
    pending.clear();
    deps.query().then(
      (answer) => {
        if (stopped) return;
        loading = false;
        value = answer.value;
        seq = answer.seq;
        extra = null;
        deps.show(value);
        for (const p of early.splice(0)) changed(p);
      },
      (err: Error) => {
        loading = false;
        if (!stopped) deps.fail(err.message);
      },
    );
  }

  function flush() {
    if (fetching || loading || value === null) return;
    let fetch: () => Promise<Patch<V>>;
    if (pending.size > 0) {
      const ids = [...pending].slice(0, deps.maxIds);
      for (const id of ids) pending.delete(id);
      fetch = () => deps.rows(ids);
    } else if (extra) {
      fetch = extra;
      extra = null;
    } else return;
    fetching = true;
    fetch().then(
      (patch) => {
        fetching = false;
        if (stopped || loading || value === null) return;
        value = patch(value);
        deps.show(value);
        flush();
      },
      () => {
        fetching = false;
        reload();
      },
    );
  }

  function changed(p: NumberedChange) {
    if (stopped) return;
    if (loading) {
      early.push(p);
      return;
    }
    if (p.seq <= seq) return;
    if (p.seq !== seq + 1) {
      reload();
      return;
    }
    seq = p.seq;
    for (const id of p.ids) pending.add(id);
    flush();
  }

  return {
    reload,
    changed,
    /**
     * One more patch that no push announces (a board's tasks that fell due with time): fetched
     * once no fetch is out and the rows pushes named are in; asked again before it goes, it goes once.
     */
    patch(fetch: () => Promise<Patch<V>>) {
      extra = fetch;
      flush();
    },
    stop() {
      stopped = true;
    },
  };
}
