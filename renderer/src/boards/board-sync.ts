import type { Push } from '../../../native/api/index.ts';
import type { Board, Task } from '../../../native/api/ops.ts';
import { patchBoard } from './board-patch.ts';

type Rows = { now: number; rows: Task[]; gone: string[] };

export interface BoardSyncDeps {
  query(): Promise<Board>;
  rows(ids: string[]): Promise<Rows>;
  /** The rows of tasks that fell due since `since` (board.dueRows). */
  dueRows(since: number): Promise<Rows>;
  show(board: Board): void;
  fail(message: string): void;
}

/** board.rows takes at most this many ids per call. */
const maxIds = 1000;

/**
 * Keeps one board current: a full board.query at start (and when asked), then each numbered
 * tasks.changed push patches only the tasks it names (board.rows), and `refreshDue` patches the
 * tasks that became overdue with time (board.dueRows). A skipped number means a change was
 * missed, so the board is queried again in full.
 */
export function createBoardSync(deps: BoardSyncDeps) {
  let board: Board | null = null;
  /** Pushes up to this number are in `board` or being fetched. */
  let seq = 0;
  /** Native's time at which every row's overdue flag was last right. */
  let asOf = 0;
  let dueWanted = false;
  let loading = false;
  let fetching = false;
  let stopped = false;
  let early: Push['tasks.changed'][] = [];
  const pending = new Set<string>();

  function reload() {
    if (stopped) return;
    loading = true;
    early = [];
    pending.clear();
    deps.query().then(
      (b) => {
        if (stopped) return;
        loading = false;
        board = b;
        seq = b.seq;
        asOf = b.now;
        dueWanted = false;
        deps.show(b);
        // Pushes that raced the query: those it already includes are skipped by their number.
        for (const p of early.splice(0)) changed(p);
      },
      (err: Error) => {
        loading = false;
        if (!stopped) deps.fail(err.message);
      },
    );
  }

  function flush() {
    if (fetching || loading || !board || (pending.size === 0 && !dueWanted)) return;
    const ids = [...pending].slice(0, maxIds);
    for (const id of ids) pending.delete(id);
    const due = ids.length === 0;
    if (due) dueWanted = false;
    fetching = true;
    (due ? deps.dueRows(asOf) : deps.rows(ids)).then(
      ({ now, rows, gone }) => {
        fetching = false;
        if (stopped || loading || !board) return;
        if (due) asOf = now;
        board = patchBoard(board, rows, gone);
        deps.show(board);
        flush();
      },
      () => {
        fetching = false;
        reload();
      },
    );
  }

  function changed(p: Push['tasks.changed']) {
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

  /** Patches the rows whose overdue flag time has changed since the board was last right about it. */
  function refreshDue() {
    dueWanted = true;
    flush();
  }

  return {
    reload,
    changed,
    refreshDue,
    stop() {
      stopped = true;
    },
  };
}
