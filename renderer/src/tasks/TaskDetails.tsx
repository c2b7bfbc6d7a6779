import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { Invoke } from '../../../native/api/index.ts';
import { textLimits, type Task } from '../../../native/api/ops.ts';
import { useHost } from '../bridge/host-context.tsx';
import { useSession } from '../session/session.tsx';
import { useMapFocus } from '../shell/map-focus.ts';
import { useSelection } from '../shell/selection.tsx';
import { useTimeFormat } from '../shell/time-format.tsx';
import { FieldNote } from '../ui/FieldNote.tsx';
import { useToasts } from '../ui/toasts.tsx';
import { DueCountdown } from './DueCountdown.tsx';
import { priorityLabel, statusColumns, statusLabel } from './labels.ts';
import { PriorityDueFields } from './PriorityDueFields.tsx';
import { LocationFields, locationFrom } from './LocationFields.tsx';
import { UnitPicker } from './TaskPickers.tsx';
import { useTaskActions } from './use-task-actions.ts';

type Detail = Invoke['tasks.get'][1];

/** One task: edit it, assign a unit, move it, see its history (from the log) and where it is. */
export function TaskDetails({ taskId }: { taskId: string }) {
  const time = useTimeFormat();
  const { bridge } = useHost();
  const { call, departmentName, unitName, actorName } = useSession();
  const { select } = useSelection();
  const map = useMapFocus();
  const actions = useTaskActions();
  const [detail, setDetail] = useState<Detail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [picking, setPicking] = useState(false);

  const load = useCallback(() => {
    call('tasks.get', { taskId }).then(
      (d) => {
        setDetail(d);
        setError(null);
      },
      (err: Error) => setError(err.message),
    );
  }, [call, taskId]);

  useEffect(() => {
    load();
    const offTasks = bridge.subscribe('tasks.changed', ({ ids }) => ids.includes(taskId) && load());
    const offConflicts = bridge.subscribe('conflicts.changed', ({ ids }) => ids.includes(taskId) && load());
    return () => {
      offTasks();
      offConflicts();
    };
  }, [bridge, load, taskId]);

  // Keyboard users land here after creating or opening a task, when nothing else holds the focus.
  useEffect(() => {
    if (detail?.task.id === taskId && (document.activeElement === document.body || document.activeElement === null)) {
      document.getElementById('task-details-title')?.focus();
    }
  }, [detail?.task.id, taskId]);

  if (error) return <p role="alert" className="inline-error">{error}</p>;
  if (!detail) return <p className="placeholder">Loading…</p>;
  const { task, history, conflicts } = detail;
  // What this user may do is native's answer, carried on the task.
  const canEdit = task.allowedActions.includes('edit');
  const canAssign = task.allowedActions.includes('assign');
  const moves = statusColumns.filter((s) => task.allowedTransitions.includes(s) || (canAssign && task.assignMovesTo === s));

  return (
    <article
      className="task-details"
      onKeyDown={(e) => {
        if ((e.key === 'u' || e.key === 'U') && canAssign && !(e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLSelectElement)) {
          e.preventDefault();
          setPicking(true);
        }
      }}
      aria-labelledby="task-details-title"
      data-testid="task-details"
      data-task-id={task.id}
      data-status={task.status}
      data-read-only={!canEdit && !canAssign && moves.length === 0}
    >
      <header>
        <h3 id="task-details-title" tabIndex={-1}>{task.title}</h3>
        <div className="task-meta">
          <span className={`status-tag status-tag-${task.status}`} data-testid="task-status">
            {statusLabel[task.status]}
          </span>
          <span className={`priority-tag priority-tag-${task.priority}`}>{priorityLabel[task.priority]}</span>
          <span className="dept-tag">{departmentName(task.department)}</span>
          <DueCountdown task={task} />
        </div>
      </header>

      <section aria-label="Unit" className="task-section">
        <span className="label">Unit</span> <span data-testid="task-unit">{unitName(task.unitId)}</span>{' '}
        {canAssign && (
          <button type="button" className="button" onClick={() => setPicking(true)} data-testid="task-assign">
            {task.unitId ? 'Change unit' : 'Assign unit'} <kbd>U</kbd>
          </button>
        )}
      </section>

      {moves.length > 0 && (
        <section aria-label="Move to" className="task-section move-buttons" role="group">
          <span className="label">Move to</span>
          {moves.map((s) => (
            <button key={s} type="button" className="button" data-testid={`task-move-${s}`} onClick={() => (task.allowedTransitions.includes(s) ? void actions.transition(task, s) : setPicking(true))}>
              {statusLabel[s]}
            </button>
          ))}
        </section>
      )}
      {!canEdit && !canAssign && moves.length === 0 && (
        <p className="task-section muted" data-testid="task-read-only">
          {task.closed ? `${statusLabel[task.status]}: this task is closed and read-only.` : 'Read-only for you: your role cannot change this task.'}
        </p>
      )}

      {task.location && (
        <section className="task-section">
          <span className="label">Location</span> {task.location.label ?? `${task.location.lon.toFixed(5)}, ${task.location.lat.toFixed(5)}`}{' '}
          <button
            type="button"
            className="button"
            onClick={() => map.focus({ kind: 'task', id: task.id, label: task.title, geometry: { type: 'Point', coordinates: [task.location!.lon, task.location!.lat] } })}
          >
            Show on map
          </button>
        </section>
      )}
      {task.alertId && (
        <section className="task-section">
          <span className="label">From alert</span>{' '}
          <button type="button" className="link" onClick={() => select({ kind: 'alert', id: task.alertId! })}>
            open the alert
          </button>
        </section>
      )}

      {canEdit && <TaskEditor key={task.id} task={task} onSaved={load} />}

      {conflicts.length > 0 && (
        <section className="task-section conflicts" aria-label="Merged concurrent edits">
          <h4>Concurrent edits ({conflicts.length})</h4>
          <ul>
            {conflicts.map((c) => (
              <li key={c.lostEventId}>
                {c.field}: kept {JSON.stringify(c.keptValue)}, not applied {JSON.stringify(c.lostValue)} ({c.lostActorId ? actorName(c.lostActorId) : 'unknown'}, {time.short(c.at)})
              </li>
            ))}
          </ul>
        </section>
      )}

      <section className="task-section" aria-labelledby="task-history-title">
        <h4 id="task-history-title">History</h4>
        <ol className="history" data-testid="task-history">
          {history.map((h) => (
            <li key={h.id}>
              <time dateTime={new Date(h.at).toISOString()} title={time.full(h.at)}>{time.short(h.at)}</time> <strong>{actorName(h.actorId)}</strong> {h.summary}
              {h.text && <div className="note">“{h.text}”</div>}
            </li>
          ))}
        </ol>
        <p className="muted">Created {time.short(task.createdAt)} by {actorName(task.createdBy)}</p>
      </section>

      {picking && (
        <UnitPicker
          task={task}
          onClose={() => setPicking(false)}
          onChoose={(unitId) => {
            setPicking(false);
            void actions.assign(task, unitId).then((t) => t && load());
          }}
        />
      )}
    </article>
  );
}

function TaskEditor({ task, onSaved }: { task: Task; onSaved(): void }) {
  const { call } = useSession();
  const toasts = useToasts();
  const [title, setTitle] = useState(task.title);
  const [description, setDescription] = useState(task.description);
  const [priority, setPriority] = useState(task.priority);
  const time = useTimeFormat();
  const [due, setDue] = useState(time.toInput(task.dueAt));
  const [lon, setLon] = useState(task.location ? String(task.location.lon) : '');
  const [lat, setLat] = useState(task.location ? String(task.location.lat) : '');
  const [dirty, setDirty] = useState(false);
  const edit =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      setDirty(true);
      set(value);
    };

  // Someone else's change shows up here, unless this user is in the middle of an edit.
  useEffect(() => {
    if (dirty) return;
    setTitle(task.title);
    setDescription(task.description);
    setPriority(task.priority);
    setDue(time.toInput(task.dueAt));
    setLon(task.location ? String(task.location.lon) : '');
    setLat(task.location ? String(task.location.lat) : '');
  }, [task.updatedAt]); // Only on a new version of the task.

  const save = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await call('tasks.update', { taskId: task.id, title, description, priority, dueAt: time.fromInput(due), location: locationFrom(lon, lat) });
      toasts.info(`Saved: ${title}`);
      setDirty(false);
      onSaved();
    } catch (err) {
      toasts.error(err);
    }
  };

  return (
    <details className="task-section task-editor">
      <summary>Edit details</summary>
      <form className="form" onSubmit={save}>
        <label className="field">
          <span>Title</span>
          <input required maxLength={textLimits.title} value={title} onChange={(e) => edit(setTitle)(e.target.value)} aria-describedby="task-edit-title-note" />
          <FieldNote id="task-edit-title-note" length={title.length} limit={textLimits.title} />
        </label>
        <label className="field">
          <span>Description</span>
          <textarea rows={3} maxLength={textLimits.description} value={description} onChange={(e) => edit(setDescription)(e.target.value)} aria-describedby="task-edit-description-note" />
          <FieldNote id="task-edit-description-note" length={description.length} limit={textLimits.description} />
        </label>
        <PriorityDueFields priority={priority} due={due} onPriority={edit(setPriority)} onDue={edit(setDue)} />
        <LocationFields lon={lon} lat={lat} onChange={(x, y) => (setDirty(true), setLon(x), setLat(y))} />
        <div className="form-actions">
          <button type="submit" className="button primary">
            Save
          </button>
        </div>
      </form>
    </details>
  );
}
