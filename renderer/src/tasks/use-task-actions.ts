import { useMemo } from 'react';
import type { Task, TaskStatus } from '../../../native/api/ops.ts';
import { useReadOnly } from '../session/read-only.ts';
import { useSession } from '../session/session.tsx';
import { useToasts } from '../ui/toasts.tsx';
import { statusLabel } from './labels.ts';

/**
 * Board and panel actions on a task; native decides whether each is allowed and says why not. A
 * drag or a key that would move a task where nobody may (a replay, an observer) says why instead.
 */
export function useTaskActions() {
  const { call, unitName } = useSession();
  const readOnly = useReadOnly();
  const toasts = useToasts();
  return useMemo(
    () => ({
      async transition(task: Task, to: TaskStatus): Promise<Task | null> {
        if (task.status === to) return task;
        if (readOnly) {
          toasts.info(readOnly);
          return null;
        }
        try {
          const next = await call('tasks.transition', { taskId: task.id, to, seen: task.version });
          toasts.info(`${task.title}: ${statusLabel[to]}`);
          return next;
        } catch (err) {
          toasts.error(err);
          return null;
        }
      },
      async assign(task: Task, unitId: string | null): Promise<Task | null> {
        if (readOnly) {
          toasts.info(readOnly);
          return null;
        }
        try {
          const next = await call('tasks.assign', { taskId: task.id, unitId, seen: task.version });
          toasts.info(`${task.title}: ${unitId ? `assigned to ${unitName(unitId)}` : 'unassigned'}`);
          return next;
        } catch (err) {
          toasts.error(err);
          return null;
        }
      },
    }),
    [call, readOnly, toasts, unitName],
  );
}
