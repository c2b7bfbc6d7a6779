import { useEffect, useState } from 'react';
import type { Board, Task } from '../../../native/api/ops.ts';
import { useConnectionState, useHost } from '../bridge/host-context.tsx';
import { useSession } from '../session/session.tsx';
import { createBoardSync } from './board-sync.ts';

export interface BoardFilters {
  department: string | null;
  priority: Task['priority'] | null;
  overdue: boolean;
  unitId: string | null;
  text: string;
  includeClosed: boolean;
}

export const noFilters: BoardFilters = { department: null, priority: null, overdue: false, unitId: null, text: '', includeClosed: true };

/** Overdue follows the app clock: ask native this often which tasks fell due meanwhile. */
const refreshEveryMs = 20_000;

/**
 * The board as native lays it out (lanes, order, overdue, what the user may do). Queried in full
 * on mount, on a filter change, on (re)connection and when the app clock goes back; in between,
 * each tasks.changed push patches just the tasks it names, and every 20 s of app time the tasks
 * that fell due are patched.
 */
export function useBoard(filters: BoardFilters): { board: Board | null; error: string | null } {
  const { bridge } = useHost();
  const { call } = useSession();
  const connection = useConnectionState();
  const [board, setBoard] = useState<Board | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { department, priority, overdue, unitId, text, includeClosed } = filters;

  useEffect(() => {
    // Pushes sent while disconnected are lost: a reconnection starts from a full query.
    if (connection !== 'open') return;
    const args = {
      department: department ?? undefined,
      priority: priority ?? undefined,
      overdue: overdue ? true : undefined,
      unitId: unitId ?? undefined,
      text: text.trim() || undefined,
      includeClosed,
    };
    const sync = createBoardSync({
      query: () => call('board.query', args),
      rows: (ids) => call('board.rows', { ...args, ids }),
      dueRows: (since) => call('board.dueRows', { ...args, since }),
      show: (b) => {
        setBoard(b);
        setError(null);
      },
      fail: setError,
    });
    sync.reload();
    let lastCheck: number | null = null;
    const offTasks = bridge.subscribe('tasks.changed', sync.changed);
    const offClock = bridge.subscribe('app.clock', ({ now }) => {
      if (lastCheck !== null && now >= lastCheck && now - lastCheck < refreshEveryMs) return;
      // A clock set back (replay, exercise) can make overdue tasks due again: start over.
      if (lastCheck !== null && now < lastCheck) sync.reload();
      else if (lastCheck !== null) sync.refreshDue();
      lastCheck = now;
    });
    return () => {
      sync.stop();
      offTasks();
      offClock();
    };
  }, [bridge, call, connection, department, priority, overdue, unitId, text, includeClosed]);

  return { board, error };
}
