import type { Board, Task } from '../../../native/api/ops.ts';
import { useBoardView } from '../data/data-context.tsx';

export interface BoardFilters {
  department: string | null;
  priority: Task['priority'] | null;
  overdue: boolean;
  unitId: string | null;
  text: string;
  includeClosed: boolean;
}

export const noFilters: BoardFilters = { department: null, priority: null, overdue: false, unitId: null, text: '', includeClosed: true };

/**
 * The board as native lays it out (lanes, order, overdue, what the user may do), from the window's
 * data layer: queried in full on mount, on a filter change, on (re)connection and when the app clock
 * goes back; in between, patched from tasks.changed pushes and, every 20 s of app time, for the tasks
 * that fell due. Panels asking for the same filters share one board.
 */
export function useBoard(filters: BoardFilters): { board: Board | null; error: string | null } {
  const { department, priority, overdue, unitId, text, includeClosed } = filters;
  return useBoardView({
    department: department ?? undefined,
    priority: priority ?? undefined,
    overdue: overdue ? true : undefined,
    unitId: unitId ?? undefined,
    text: text.trim() || undefined,
    includeClosed,
  });
}
