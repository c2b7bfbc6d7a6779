import type { Task } from '../../../native/api/ops.ts';
import { useTimeFormat } from '../shell/time-format.tsx';
import { priorities, priorityLabel } from './labels.ts';

/** A task's priority and due time, side by side, as the create and edit forms both show them. */
export function PriorityDueFields({
  priority,
  due,
  onPriority,
  onDue,
}: {
  priority: Task['priority'];
  /** `datetime-local` value, in the zone times are shown in. */
  due: string;
  onPriority(value: Task['priority']): void;
  onDue(value: string): void;
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
        <input type="datetime-local" value={due} onChange={(e) => onDue(e.target.value)} />
      </label>
    </div>
  );
}
