import { useDroppable } from '@dnd-kit/core';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Task, TaskStatus } from '../../../native/api/ops.ts';
import { statusLabel } from '../tasks/labels.ts';
import { statusDropId } from './drop-targets.ts';
import { TaskCard } from './TaskCard.tsx';
import { VirtualList } from './VirtualList.tsx';

interface StatusColumnProps {
  status: TaskStatus;
  tasks: Task[];
  rowHeight: number;
  selectedId: string | null;
  showDepartment: boolean;
  departmentName(id: string): string;
  unitName(id: string | null): string;
  onOpen(task: Task): void;
  /** Keys on the active card: move, assign, neighbour columns. */
  onCardKey(event: KeyboardEvent<HTMLDivElement>, task: Task | null): void;
  /** A card just moved here by keyboard: once it shows, this column takes the focus with that card active. */
  followId?: string | null;
  onFollowed?(): void;
}

export function columnListId(status: TaskStatus): string {
  return `board-col-${status}`;
}

export function StatusColumn({ status, tasks, rowHeight, selectedId, showDepartment, departmentName, unitName, onOpen, onCardKey, followId = null, onFollowed }: StatusColumnProps) {
  const [active, setActive] = useState(-1);
  const { setNodeRef, isOver } = useDroppable({ id: statusDropId(status) });

  useEffect(() => {
    if (!followId) return;
    const at = tasks.findIndex((t) => t.id === followId);
    if (at < 0) return;
    // Focus first: focusing a list with no active row makes its first row active, and the card must win.
    document.getElementById(columnListId(status))?.focus();
    setActive(at);
    onFollowed?.();
  }, [followId, tasks, status, onFollowed]);
  const activeIndex = Math.min(active, tasks.length - 1);
  const rowId = useCallback((i: number) => `card-${status}-${tasks[i]?.id ?? i}`, [status, tasks]);

  // The cards' click handler stays the same function while the column changes, so a move
  // re-renders only the cards it touched (TaskCard is memoised).
  const shown = useRef(tasks);
  useLayoutEffect(() => {
    shown.current = tasks;
  }, [tasks]);
  const open = useCallback(
    (task: Task) => {
      setActive(shown.current.indexOf(task));
      onOpen(task);
    },
    [onOpen],
  );

  const keyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const task = activeIndex >= 0 ? (tasks[activeIndex] ?? null) : null;
    if ((e.key === 'Enter' || e.key === ' ') && task) {
      e.preventDefault();
      onOpen(task);
      return;
    }
    onCardKey(e, task);
  };

  const headingId = `board-col-${status}-title`;
  return (
    <section
      ref={setNodeRef}
      className={`status-column status-${status} ${isOver ? 'is-drop-target' : ''}`}
      aria-labelledby={headingId}
      data-testid={`column-${status}`}
    >
      <h3 id={headingId} className="status-column-title">
        {statusLabel[status]} <span className="count">{tasks.length}</span>
      </h3>
      <VirtualList
        id={columnListId(status)}
        label={`${statusLabel[status]}: ${tasks.length} tasks`}
        count={tasks.length}
        rowHeight={rowHeight}
        activeIndex={activeIndex}
        onActiveChange={setActive}
        rowId={rowId}
        onKeyDown={keyDown}
        renderRow={(i, isActive) => {
          const task = tasks[i]!;
          return (
            <TaskCard
              id={rowId(i)}
              task={task}
              active={isActive}
              selected={task.id === selectedId}
              showDepartment={showDepartment}
              departmentName={departmentName(task.department)}
              unitName={unitName(task.unitId)}
              onOpen={open}
            />
          );
        }}
      />
    </section>
  );
}
