import type { Push } from '../../../native/api/index.ts';
import type { Board, Task } from '../../../native/api/ops.ts';
import { patchBoard } from './board-patch.ts';

export interface BoardSyncDeps {
  query(): Promise<Board>;
  rows(ids: string[]): Promise<{ rows: Task[]; gone: string[] }>;
  show(board: Board): void;
  fail(message: string): void;
}

/** board.rows takes at most this many ids per call. */
const maxIds = 1000;

/**
 * Keeps one board current: a full board.query at start (and when asked), then each numbered
 * tasks.changed push patches only the tasks it names (board.rows). A skipped number means a
 * change was missed, so the board is queried again in full.
 */
export function createBoardSync(deps: BoardSyncDeps) {
  let board: Board | null = null;
  /** Pushes up to this number are in `board` or being fetched. */
  let seq = 0;
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
    if (fetching || loading || !board || pending.size === 0) return;
    const ids = [...pending].slice(0, maxIds);
    for (const id of ids) pending.delete(id);
    fetching = true;
    deps.rows(ids).then(
      ({ rows, gone }) => {
        fetching = false;
        if (stopped || loading || !board) return;
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

  return {
    reload,
    changed,
    stop() {
      stopped = true;
    },
  };
}
