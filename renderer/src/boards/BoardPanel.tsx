import { DndContext, DragOverlay, MouseSensor, TouchSensor, useDroppable, useSensor, useSensors, type DragEndEvent, type DragStartEvent } from '@dnd-kit/core';
import { useCallback, useMemo, useState, type KeyboardEvent } from 'react';
import type { Board, Task, TaskStatus, Unit } from '../../../native/api/ops.ts';
import { useSession } from '../session/session.tsx';
import { useSelection } from '../shell/selection.tsx';
import { useUiPrefs } from '../shell/ui-prefs.tsx';
import { priorities, priorityLabel, statusColumns, statusLabel } from '../tasks/labels.ts';
import { StatusPicker, UnitPicker } from '../tasks/TaskPickers.tsx';
import { useTaskActions } from '../tasks/use-task-actions.ts';
import { columnListId, StatusColumn } from './StatusColumn.tsx';
import { dropTarget, unitDropId } from './drop-targets.ts';
import { noFilters, useBoard, type BoardFilters } from './use-board.ts';

type Picker = { kind: 'unit' | 'status'; task: Task } | null;
/** The card a keyboard move sent to another column: the focus goes after it. */
type Follow = { id: string; status: TaskStatus } | null;

/** Department boards: a column per status, for one department or all of them. */
export function BoardPanel({ department, onDepartment }: { department: string | null; onDepartment(id: string | null): void }) {
  const { departments, units, departmentName, unitName } = useSession();
  const { selected, select } = useSelection();
  const { fieldMode } = useUiPrefs();
  const actions = useTaskActions();
  const [rest, setFilters] = useState<BoardFilters>(noFilters);
  const filters = { ...rest, department };
  const [picker, setPicker] = useState<Picker>(null);
  const [follow, setFollow] = useState<Follow>(null);
  const followed = useCallback(() => setFollow(null), []);
  const followMoved = useCallback((moved: Task | null) => {
    if (moved) setFollow({ id: moved.id, status: moved.status });
  }, []);
  // Lanes come for every department so the tabs can count; the department filter only picks a lane.
  const { board, error } = useBoard(rest);

  const set = <K extends keyof BoardFilters>(key: K, value: BoardFilters[K]) => (key === 'department' ? onDepartment(value as string | null) : setFilters((f) => ({ ...f, [key]: value })));

  const columns = useMemo(() => {
    const lanes = (board?.lanes ?? []).filter((l) => filters.department === null || l.department.id === filters.department);
    return Object.fromEntries(statusColumns.map((s) => [s, lanes.flatMap((l) => l.tasks[s] ?? [])])) as Record<TaskStatus, Task[]>;
  }, [board, filters.department]);

  const taskById = useCallback((id: string) => {
    for (const s of statusColumns) {
      const found = columns[s].find((t) => t.id === id);
      if (found) return found;
    }
    return null;
  }, [columns]);

  const moveTo = useCallback(
    (task: Task, status: TaskStatus, byKeyboard = false) => {
      // Native says when a column is reached by assigning a unit (Assigned, for a new task): ask which.
      // Any other move goes to native, which makes it or says why not.
      if (!task.allowedTransitions.includes(status) && task.assignMovesTo === status) setPicker({ kind: 'unit', task });
      else void actions.transition(task, status).then((moved) => {
          if (byKeyboard) followMoved(moved);
        });
    },
    [actions, followMoved],
  );

  // Mouse and touch drags; a press that barely moves stays a click, and a touch must rest a moment
  // so a swipe still scrolls the column (mouse + touch sensors, not pointer: a touch pointer would be
  // cancelled by the browser's panning). Keyboard moves are the board's own keys.
  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 6 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 150, tolerance: 8 } }),
  );
  const [dragged, setDragged] = useState<Task | null>(null);
  const onDragStart = useCallback((e: DragStartEvent) => setDragged(taskById(String(e.active.id)) ?? null), [taskById]);
  const onDragEnd = useCallback(
    (e: DragEndEvent) => {
      setDragged(null);
      const task = taskById(String(e.active.id));
      const target = dropTarget(e.over?.id);
      if (!task || !target) return;
      if (target.kind === 'status') {
        if (target.status !== task.status) moveTo(task, target.status);
      } else void actions.assign(task, target.unitId);
    },
    [taskById, moveTo, actions],
  );

  const onOpen = useCallback((task: Task) => select({ kind: 'task', id: task.id }), [select]);

  const onCardKey = useCallback(
    (e: KeyboardEvent<HTMLDivElement>, task: Task | null) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const at = task ? statusColumns.indexOf(task.status) : -1;
      const here = statusColumns.findIndex((s) => e.currentTarget.id === columnListId(s));
      if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
        e.preventDefault();
        const delta = e.key === 'ArrowRight' ? 1 : -1;
        if (e.shiftKey && task) {
          const to = statusColumns[at + delta];
          if (to) moveTo(task, to, true);
        } else {
          const next = statusColumns[here + delta];
          if (next) document.getElementById(columnListId(next))?.focus();
        }
      } else if (task && (e.key === 'u' || e.key === 'U')) {
        e.preventDefault();
        setPicker({ kind: 'unit', task });
      } else if (task && (e.key === 'm' || e.key === 'M')) {
        e.preventDefault();
        setPicker({ kind: 'status', task });
      }
    },
    [moveTo],
  );

  const laneFor = (id: string) => board?.lanes.find((l) => l.department.id === id);
  const openStatuses = statusColumns.filter((s) => !board?.closedStatuses.includes(s));
  const openCount = (id: string | null) => {
    const lanes = id === null ? (board?.lanes ?? []) : [laneFor(id)].filter((l) => l !== undefined);
    return lanes.reduce((n, l) => n + openStatuses.reduce((m, s) => m + l.counts[s], 0), 0);
  };
  const overdueCount = (id: string | null) => (id === null ? (board?.lanes ?? []).reduce((n, l) => n + l.overdue, 0) : (laneFor(id)?.overdue ?? 0));
  const shownUnits = units.filter((u) => filters.department === null || u.department === filters.department);
  const selectedId = selected?.kind === 'task' ? selected.id : null;

  const tab = (id: string | null, label: string, title: string) => {
    const overdue = overdueCount(id);
    return (
      <button
        key={id ?? 'all'}
        type="button"
        role="tab"
        aria-selected={filters.department === id}
        title={title}
        data-testid={`board-tab-${id ?? 'all'}`}
        className="board-tab"
        onClick={() => set('department', id)}
      >
        {label} <span className="count">{openCount(id)}</span>
        {overdue > 0 && <span className="overdue-count" aria-label={`${overdue} overdue`}>{overdue}</span>}
      </button>
    );
  };

  return (
    <section className="panel panel-boards" aria-labelledby="panel-boards-title" id="region-board">
      <div className="panel-head">
        <h2 id="panel-boards-title">Boards</h2>
        <div className="board-tabs" role="tablist" aria-label="Department">
          {tab(null, 'All', 'All departments')}
          {departments.map((d) => tab(d.id, d.short, d.name))}
        </div>
      </div>
      <div className="board-filters" role="group" aria-label="Board filters">
        <label>
          <span>Priority</span>
          <select value={filters.priority ?? ''} onChange={(e) => set('priority', (e.target.value || null) as BoardFilters['priority'])}>
            <option value="">Any</option>
            {priorities.map((p) => (
              <option key={p} value={p}>
                {priorityLabel[p]}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Unit</span>
          <select value={filters.unitId ?? ''} onChange={(e) => set('unitId', e.target.value || null)}>
            <option value="">Any</option>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={filters.overdue} onChange={(e) => set('overdue', e.target.checked)} />
          <span>Overdue only</span>
        </label>
        <label className="check">
          <input type="checkbox" checked={!filters.includeClosed} onChange={(e) => set('includeClosed', !e.target.checked)} />
          <span>Hide closed</span>
        </label>
        <label className="grow">
          <span>Search</span>
          <input type="search" value={filters.text} onChange={(e) => set('text', e.target.value)} placeholder="Title or description" />
        </label>
        {error && <span role="alert" className="inline-error">{error}</span>}
      </div>
      {filters.department === null && board && <Overview lanes={board.lanes} open={openStatuses} onOpen={(id) => set('department', id)} />}
      <DndContext sensors={sensors} onDragStart={onDragStart} onDragEnd={onDragEnd} onDragCancel={() => setDragged(null)}>
      <UnitStrip units={shownUnits} activeUnit={filters.unitId} onFilter={(id) => set('unitId', filters.unitId === id ? null : id)} />
      <div className="board-columns">
        {statusColumns.map((s) => (
          <StatusColumn
            key={s}
            status={s}
            tasks={columns[s]}
            rowHeight={fieldMode ? 96 : 76}
            selectedId={selectedId}
            showDepartment={filters.department === null}
            departmentName={departmentName}
            unitName={unitName}
            onOpen={onOpen}
            onCardKey={onCardKey}
            followId={follow?.status === s ? follow.id : null}
            onFollowed={followed}
          />
        ))}
      </div>
      <DragOverlay>{dragged && <div className="task-card drag-overlay">{dragged.title}</div>}</DragOverlay>
      </DndContext>
      {picker?.kind === 'unit' && (
        <UnitPicker
          task={picker.task}
          onClose={() => setPicker(null)}
          onChoose={(unitId) => {
            setPicker(null);
            void actions.assign(picker.task, unitId).then(followMoved);
          }}
        />
      )}
      {picker?.kind === 'status' && (
        <StatusPicker
          task={picker.task}
          onClose={() => setPicker(null)}
          onChoose={(status) => {
            setPicker(null);
            moveTo(picker.task, status, true);
          }}
        />
      )}
    </section>
  );
}

/** All departments at a glance: open tasks by status and overdue, a row per department. */
function Overview({ lanes, open, onOpen }: { lanes: Board['lanes']; open: TaskStatus[]; onOpen(id: string): void }) {
  return (
    <details className="board-overview" data-testid="board-overview">
      <summary>Overview by department</summary>
      <table>
        <thead>
          <tr>
            <th scope="col">Department</th>
            {open.map((s) => (
              <th key={s} scope="col">
                {statusLabel[s]}
              </th>
            ))}
            <th scope="col">Overdue</th>
            <th scope="col">Done</th>
          </tr>
        </thead>
        <tbody>
          {lanes.map((l) => (
            <tr key={l.department.id}>
              <th scope="row">
                <button type="button" className="link" onClick={() => onOpen(l.department.id)}>
                  {l.department.name}
                </button>
              </th>
              {open.map((s) => (
                <td key={s}>{l.counts[s]}</td>
              ))}
              <td className={l.overdue > 0 ? 'has-overdue' : ''}>{l.overdue}</td>
              <td>{l.counts.done}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/** Units as drop targets: drop a card on one to assign it; click one to filter the board by it. */
function UnitStrip({ units, activeUnit, onFilter }: { units: Unit[]; activeUnit: string | null; onFilter(id: string): void }) {
  if (units.length === 0) return null;
  return (
    <ul className="unit-strip" aria-label="Units (drop a task on a unit to assign it)">
      {units.map((u) => (
        <li key={u.id}>
          <UnitChip unit={u} active={activeUnit === u.id} onFilter={onFilter} />
        </li>
      ))}
    </ul>
  );
}

/** A unit's chip: a drop target for cards (assign) and a filter button. */
function UnitChip({ unit: u, active, onFilter }: { unit: Unit; active: boolean; onFilter(id: string): void }) {
  const { setNodeRef, isOver } = useDroppable({ id: unitDropId(u.id) });
  return (
    <button
      ref={setNodeRef}
      type="button"
      className={`unit-chip unit-${u.status} ${isOver ? 'is-drop-target' : ''}`}
      aria-pressed={active}
      data-testid={`unit-${u.id}`}
      title={`${u.name}: ${u.status.replace('_', ' ')}. Drop a task here to assign; click to filter.`}
      onClick={() => onFilter(u.id)}
    >
      {u.name}
    </button>
  );
}
