import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { Invoke } from '../../../native/api/index.ts';
import { textLimits, type Task } from '../../../native/api/ops.ts';
import { useHost } from '../bridge/host-context.tsx';
import { replayReadOnly, useReadOnly } from '../session/read-only.ts';
import { useSession } from '../session/session.tsx';
import { useMapFocus } from '../shell/map-focus.ts';
import { useSelection } from '../shell/selection.tsx';
import { ConflictItem } from '../shell/ConflictItem.tsx';
import { useTimeFormat, type TimeFormat } from '../shell/time-format.tsx';
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
  const { bridge } = useHost();
  const time = useTimeFormat();
  const { call, departmentName, unitName, actorName } = useSession();
  const readOnly = useReadOnly();
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
  // What this user may do is native's answer, carried on the task (nothing, in a replay or for an observer).
  const canEdit = readOnly === null && task.allowedActions.includes('edit');
  const canAssign = readOnly === null && task.allowedActions.includes('assign');
  const moves = readOnly === null ? statusColumns.filter((s) => task.allowedTransitions.includes(s) || (canAssign && task.assignMovesTo === s)) : [];

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
          {readOnly === replayReadOnly ? readOnly : task.closed ? `${statusLabel[task.status]}: this task is closed and read-only.` : 'Read-only for you: your role cannot change this task.'}
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
        <section className="task-section conflicts" aria-label="Conflicting edits" data-testid="task-conflicts">
          <h4>Conflicting edits ({conflicts.length})</h4>
          <ul className="conflict-list">
            {conflicts.map((c) => (
              <ConflictItem key={`${c.field}-${c.lostEventId}`} conflict={c} onResolved={load} />
            ))}
          </ul>
        </section>
      )}

      <section className="task-section" aria-labelledby="task-history-title">
        <h4 id="task-history-title">History</h4>
        <ol className="history" data-testid="task-history">
          {history.map((h) => (
            <li key={h.id} data-testid="history-entry">
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

/** The form's text for each field of a task, as the editor shows it. */
function formValues(task: Task, time: TimeFormat) {
  return {
    title: task.title,
    description: task.description,
    priority: task.priority,
    due: time.toInput(task.dueAt),
    lon: task.location ? String(task.location.lon) : '',
    lat: task.location ? String(task.location.lat) : '',
  };
}

function TaskEditor({ task, onSaved }: { task: Task; onSaved(): void }) {
  const { call, actorName } = useSession();
  const time = useTimeFormat();
  const toasts = useToasts();
  // The version of the task the form shows: sent as `seen`, so an edit over a change this user never saw becomes a conflict.
  const [shown, setShown] = useState(task);
  const [values, setValues] = useState(() => formValues(task, time));
  const [dirty, setDirty] = useState(false);
  const edit =
    <K extends keyof ReturnType<typeof formValues>,>(key: K) =>
    (value: ReturnType<typeof formValues>[K]) => {
      setDirty(true);
      setValues((v) => ({ ...v, [key]: value }));
    };

  // Someone else's change shows up here, unless this user is in the middle of an edit.
  useEffect(() => {
    if (dirty) return;
    setShown(task);
    setValues(formValues(task, time));
  }, [task.version]); // Only on a new version of the task.

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const before = formValues(shown, time);
    const changed = (k: keyof typeof before) => values[k] !== before[k];
    const edits = {
      ...(changed('title') ? { title: values.title } : {}),
      ...(changed('description') ? { description: values.description } : {}),
      ...(changed('priority') ? { priority: values.priority } : {}),
      ...(changed('due') ? { dueAt: time.fromInput(values.due) } : {}),
      ...(changed('lon') || changed('lat') ? { location: locationFrom(values.lon, values.lat) } : {}),
    };
    try {
      const saved = await call('tasks.update', { taskId: task.id, seen: shown.version, ...edits });
      if (saved.conflicts > shown.conflicts) {
        const latest = (await call('conflicts.list', { entityId: task.id }))[0];
        const who = latest?.lostActorId ? actorName(latest.lostActorId) : 'Someone';
        toasts.warn(`Saved, but ${who} changed ${latest?.field ?? 'this task'} after you opened it: both values are kept as a conflict to resolve.`);
      } else toasts.info(`Saved: ${saved.title}`);
      setDirty(false);
      setShown(saved);
      setValues(formValues(saved, time));
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
          <input required maxLength={textLimits.title} value={values.title} onChange={(e) => edit('title')(e.target.value)} aria-describedby="task-edit-title-note" />
          <FieldNote id="task-edit-title-note" length={values.title.length} limit={textLimits.title} />
        </label>
        <label className="field">
          <span>Description</span>
          <textarea rows={3} maxLength={textLimits.description} value={values.description} onChange={(e) => edit('description')(e.target.value)} aria-describedby="task-edit-description-note" />
          <FieldNote id="task-edit-description-note" length={values.description.length} limit={textLimits.description} />
        </label>
        <PriorityDueFields priority={values.priority} due={values.due} onPriority={edit('priority')} onDue={edit('due')} />
        <LocationFields lon={values.lon} lat={values.lat} onChange={(lon, lat) => (setDirty(true), setValues((v) => ({ ...v, lon, lat })))} />
        <div className="form-actions">
          <button type="submit" className="button primary">
            Save
          </button>
        </div>
      </form>
    </details>
  );
}
