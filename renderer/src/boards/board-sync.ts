import { listLimits, type Board, type Task } from '../../../native/api/ops.ts';
import { createNumberedSync } from '../data/numbered-sync.ts';
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

/**
 * Keeps one board current: a numbered sync of board.query and board.rows (tasks.changed pushes),
 * and `refreshDue` patches the tasks that became overdue with time (board.dueRows).
 */
export function createBoardSync(deps: BoardSyncDeps) {
  /** Native's time at which every row's overdue flag was last right. */
  let asOf = 0;
  const sync = createNumberedSync<Board>({
    query: () =>
      deps.query().then((board) => {
        asOf = board.now;
        return { value: board, seq: board.seq };
      }),
    rows: (ids) => deps.rows(ids).then(({ rows, gone }) => (board) => patchBoard(board, rows, gone)),
    maxIds: listLimits.boardRows,
    show: deps.show,
    fail: deps.fail,
  });

  return {
    reload: sync.reload,
    changed: sync.changed,
    /** Patches the rows whose overdue flag time has changed since the board was last right about it. */
    refreshDue() {
      sync.patch(() =>
        deps.dueRows(asOf).then(({ now, rows, gone }) => (board) => {
          asOf = now;
          return patchBoard(board, rows, gone);
        }),
      );
    },
    stop: sync.stop,
  };
}
