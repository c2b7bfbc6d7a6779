import type { Task } from '../../../native/api/ops.ts';
import { useTimeFormat } from '../shell/time-format.tsx';
import { FieldNote } from '../ui/FieldNote.tsx';
import { priorities, priorityLabel } from './labels.ts';

/** A task's priority and due time, side by side, as the create and edit forms both show them. */
export function PriorityDueFields({
  priority,
  due,
  onPriority,
  onDue,
  dueId,
  dueError,
}: {
  priority: Task['priority'];
  /** `datetime-local` value, in the zone times are shown in. */
  due: string;
  onPriority(value: Task['priority']): void;
  onDue(value: string): void;
  /** The due field's id, for focusing it when refused, and its refusal. */
  dueId?: string;
  dueError?: string | undefined;
}) {
  const time = useTimeFormat();
  return (
    <div className="form-row">
      <label className="field">
        <span>Priority</span>
        <select value={priority} onChange={(e) => onPriority(e.target.value as Task['priority'])}>
          {priorities.map((p) => (
            <option key={p} value={p}>
              {priorityLabel[p]}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Due ({time.zoneName})</span>
        <input id={dueId} type="datetime-local" value={due} onChange={(e) => onDue(e.target.value)} aria-invalid={Boolean(dueError)} aria-describedby={dueId && `${dueId}-note`} />
        {dueId && <FieldNote id={`${dueId}-note`} error={dueError} />}
      </label>
    </div>
  );
}
