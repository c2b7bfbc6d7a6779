import type { Board, Task, TaskStatus } from '../../../native/api/ops.ts';

/** Where `task` goes in a column already in board order (native's boardRank). */
function insertAt(column: readonly Task[], task: Task): number {
  let lo = 0;
  let hi = column.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (column[mid]!.boardRank < task.boardRank) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The board with fresh rows of some tasks put in place and the `gone` ids taken out, as native
 * answered board.rows. Lanes and columns nothing touched keep their identity (no re-render).
 */
export function patchBoard(board: Board, rows: readonly Task[], gone: readonly string[]): Board {
  const out = new Set([...gone, ...rows.map((t) => t.id)]);
  const lanes = board.lanes.map((lane) => {
    const incoming = rows.filter((t) => t.department === lane.department.id);
    const tasks = { ...lane.tasks };
    let touched = false;
    for (const status of Object.keys(tasks) as TaskStatus[]) {
      if (tasks[status].some((t) => out.has(t.id))) {
        tasks[status] = tasks[status].filter((t) => !out.has(t.id));
        touched = true;
      }
    }
    for (const task of incoming) {
      const column = tasks[task.status];
      if (!column) continue;
      const next = column === lane.tasks[task.status] ? [...column] : column;
      next.splice(insertAt(next, task), 0, task);
      tasks[task.status] = next;
      touched = true;
    }
    if (!touched) return lane;
    const counts = Object.fromEntries(Object.entries(tasks).map(([s, list]) => [s, list.length])) as Record<TaskStatus, number>;
    const overdue = Object.values(tasks).reduce((n, list) => n + list.filter((t) => t.overdue).length, 0);
    return { ...lane, tasks, counts, overdue };
  });
  return { ...board, lanes };
}
