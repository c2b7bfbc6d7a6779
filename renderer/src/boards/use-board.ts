import { useCallback, useEffect, useRef, useState } from 'react';
import type { Board, Task } from '../../../native/api/ops.ts';
import { useHost } from '../bridge/host-context.tsx';
import { useSession } from '../session/session.tsx';

export interface BoardFilters {
  department: string | null;
  priority: Task['priority'] | null;
  overdue: boolean;
  unitId: string | null;
  text: string;
  includeClosed: boolean;
}

export const noFilters: BoardFilters = { department: null, priority: null, overdue: false, unitId: null, text: '', includeClosed: true };

/** Native re-derives overdue from the app clock on every query; re-ask this often even when nothing changed. */
const refreshEveryMs = 20_000;
const debounceMs = 150;

/** The board as native lays it out (lanes, order, overdue), re-queried when tasks change. */
export function useBoard(filters: BoardFilters): { board: Board | null; error: string | null } {
  const { bridge } = useHost();
  const { call } = useSession();
  const [board, setBoard] = useState<Board | null>(null);
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);

  const query = useCallback(() => {
    const mine = ++generation.current;
    call('board.query', {
      department: filters.department ?? undefined,
      priority: filters.priority ?? undefined,
      overdue: filters.overdue ? true : undefined,
      unitId: filters.unitId ?? undefined,
      text: filters.text.trim() || undefined,
      includeClosed: filters.includeClosed,
    }).then(
      (b) => {
        if (mine !== generation.current) return;
        setBoard(b);
        setError(null);
      },
      (err: Error) => mine === generation.current && setError(err.message),
    );
  }, [call, filters.department, filters.priority, filters.overdue, filters.unitId, filters.text, filters.includeClosed]);

  useEffect(() => {
    query();
    let timer: ReturnType<typeof setTimeout> | null = null;
    let lastQueryAt: number | null = null;
    const soon = () => {
      if (timer === null) timer = setTimeout(() => ((timer = null), query()), debounceMs);
    };
    const offTasks = bridge.subscribe('tasks.changed', soon);
    const offClock = bridge.subscribe('app.clock', ({ now }) => {
      if (lastQueryAt === null || now < lastQueryAt || now - lastQueryAt >= refreshEveryMs) {
        if (lastQueryAt !== null) soon();
        lastQueryAt = now;
      }
    });
    return () => {
      offTasks();
      offClock();
      if (timer !== null) clearTimeout(timer);
    };
  }, [bridge, query]);

  return { board, error };
}
