import type { Invoke, Push } from '../../../native/api/index.ts';
import type { Board } from '../../../native/api/ops.ts';
import { createBoardSync } from '../boards/board-sync.ts';
import type { Read } from './in-flight.ts';
import { createValueStore, type Schedule, type ValueStore } from './value-store.ts';

export type BoardArgs = Omit<Invoke['board.query'][0], 'status'>;
export interface BoardView {
  board: Board | null;
  error: string | null;
}

/** Overdue follows the app clock: ask native this often which tasks fell due meanwhile. */
const refreshEveryMs = 20_000;

interface Entry {
  store: ValueStore<BoardView>;
  sync: ReturnType<typeof createBoardSync>;
  users: number;
  lastCheck: number | null;
}

/**
 * The boards a window shows, one per distinct filter: panels asking for the same filter (the board
 * and the map's task markers) share one board and one sync. Each is queried in full once, then
 * patched from tasks.changed pushes and the app clock; the last user's release drops it.
 */
export function createBoardStores(read: Read, schedule: Schedule) {
  const boards = new Map<string, Entry>();

  function open(args: BoardArgs): Entry {
    const store = createValueStore<BoardView>({ board: null, error: null }, schedule);
    const sync = createBoardSync({
      query: () => read('board.query', args),
      rows: (ids) => read('board.rows', { ...args, ids }),
      dueRows: (since) => read('board.dueRows', { ...args, since }),
      show: (board) => store.set({ board, error: null }),
      fail: (error) => store.set({ board: store.get().board, error }),
    });
    sync.reload();
    return { store, sync, users: 0, lastCheck: null };
  }

  return {
    /** The board for `args`, shared with every other user of the same filter, until `release`. */
    acquire(args: BoardArgs): { store: ValueStore<BoardView>; release(): void } {
      const key = JSON.stringify(args);
      const entry = boards.get(key) ?? open(args);
      boards.set(key, entry);
      entry.users += 1;
      let released = false;
      return {
        store: entry.store,
        release() {
          if (released) return;
          released = true;
          entry.users -= 1;
          if (entry.users > 0) return;
          entry.sync.stop();
          boards.delete(key);
        },
      };
    },
    changed(p: Push['tasks.changed']) {
      for (const entry of boards.values()) entry.sync.changed(p);
    },
    clock(now: number) {
      for (const entry of boards.values()) {
        const last = entry.lastCheck;
        if (last !== null && now >= last && now - last < refreshEveryMs) continue;
        // A clock set back (replay, exercise) can make overdue tasks due again: start over.
        if (last !== null && now < last) entry.sync.reload();
        else if (last !== null) entry.sync.refreshDue();
        entry.lastCheck = now;
      }
    },
    /** Pushes sent while disconnected are lost: every board starts again from a full query. */
    reload() {
      for (const entry of boards.values()) entry.sync.reload();
    },
  };
}
