import type { Task } from '../../../native/api/ops.ts';
import { useClock } from '../shell/clock-context.tsx';
import { duration } from '../ui/time.ts';

/** Time left (or overdue by), ticking with the app clock. Whether it is overdue is native's call. */
export function DueCountdown({ task }: { task: Pick<Task, 'dueAt' | 'overdue' | 'closed'> }) {
  const tick = useClock();
  if (task.dueAt === null || task.closed) return null;
  const now = tick?.now ?? null;
  if (task.overdue) {
    return (
      <span className="due due-overdue" data-testid="overdue">
        Overdue{now !== null && now > task.dueAt ? ` ${duration(now - task.dueAt)}` : ''}
      </span>
    );
  }
  if (now === null) return null;
  const left = task.dueAt - now;
  return <span className={`due ${left < 15 * 60_000 ? 'due-soon' : ''}`}>{left > 0 ? `Due in ${duration(left)}` : 'Due now'}</span>;
}
