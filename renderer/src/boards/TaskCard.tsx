import { memo } from 'react';
import type { Task } from '../../../native/api/ops.ts';
import { DueCountdown } from '../tasks/DueCountdown.tsx';
import { priorityLabel } from '../tasks/labels.ts';

export const taskDragType = 'application/x-polder-task';

interface TaskCardProps {
  id: string;
  task: Task;
  active: boolean;
  selected: boolean;
  showDepartment: boolean;
  departmentName: string;
  unitName: string;
  onOpen(task: Task): void;
}

/** One task on the board: draggable onto a column (transition) or a unit (assign). */
export const TaskCard = memo(function TaskCard({ id, task, active, selected, showDepartment, departmentName, unitName, onOpen }: TaskCardProps) {
  return (
    <div
      id={id}
      role="option"
      aria-selected={selected}
      data-testid="task-card"
      data-task-id={task.id}
      className={`task-card priority-${task.priority} ${task.overdue ? 'is-overdue' : ''} ${active ? 'is-active' : ''} ${selected ? 'is-selected' : ''}`}
      draggable
      onDragStart={(e) => {
        e.dataTransfer.setData(taskDragType, task.id);
        e.dataTransfer.effectAllowed = 'move';
      }}
      onClick={() => onOpen(task)}
    >
      <div className="task-card-top">
        <span className={`priority-tag priority-tag-${task.priority}`}>{priorityLabel[task.priority]}</span>
        {showDepartment && <span className="dept-tag">{departmentName}</span>}
        {task.conflicts > 0 && (
          <span className="conflict-tag" title="Concurrent edits were merged; see the task">
            ⚠ {task.conflicts}
          </span>
        )}
        <DueCountdown task={task} />
      </div>
      <div className="task-card-title">{task.title}</div>
      <div className="task-card-unit">{unitName}</div>
    </div>
  );
});
