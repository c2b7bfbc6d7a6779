import { useDraggable } from '@dnd-kit/core';
import { memo } from 'react';
import type { Task } from '../../../native/api/ops.ts';
import { DueCountdown } from '../tasks/DueCountdown.tsx';
import { priorityLabel } from '../tasks/labels.ts';

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

/** One task on the board: dragged (mouse, pen or touch) onto a column (transition) or a unit (assign). */
export const TaskCard = memo(function TaskCard({ id, task, active, selected, showDepartment, departmentName, unitName, onOpen }: TaskCardProps) {
  // Only the pointer listeners: the card keeps its listbox option role and the board's own keys.
  const { setNodeRef, listeners, isDragging } = useDraggable({ id: task.id });
  return (
    <div
      ref={setNodeRef}
      {...listeners}
      id={id}
      role="option"
      aria-selected={selected}
      data-testid="task-card"
      data-task-id={task.id}
      className={`task-card priority-${task.priority} ${task.overdue ? 'is-overdue' : ''} ${active ? 'is-active' : ''} ${selected ? 'is-selected' : ''} ${isDragging ? 'is-dragging' : ''}`}
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
