import { useState, type FormEvent } from 'react';
import { dueGraceMs, opsMethods, textLimits, type Task } from '../../../native/api/ops.ts';
import { useClock } from '../shell/clock-context.tsx';
import { fieldErrors, type FieldErrors } from '../ui/field-issues.ts';
import { FieldNote } from '../ui/FieldNote.tsx';
import { useSession } from '../session/session.tsx';
import { useSelection } from '../shell/selection.tsx';
import { useTimeFormat } from '../shell/time-format.tsx';
import { useToasts } from '../ui/toasts.tsx';
import { PriorityDueFields } from './PriorityDueFields.tsx';
import { LocationFields, locationFrom } from './LocationFields.tsx';
import type { TaskDraftPrefill } from './task-draft.ts';

/** A new task, or one per chosen department when it comes from an alert. */
export function TaskForm({ prefill }: { prefill: TaskDraftPrefill }) {
  const time = useTimeFormat();
  const { call, actor, departments } = useSession();
  const { select, endCreate } = useSelection();
  const toasts = useToasts();
  const [title, setTitle] = useState(prefill.title ?? '');
  const [description, setDescription] = useState(prefill.description ?? '');
  const [priority, setPriority] = useState<Task['priority']>(prefill.alertId ? 'high' : 'normal');
  const [due, setDue] = useState('');
  const [lon, setLon] = useState(prefill.location ? String(prefill.location.lon) : '');
  const [lat, setLat] = useState(prefill.location ? String(prefill.location.lat) : '');
  const [chosen, setChosen] = useState<string[]>(actor ? [actor.department] : []);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const tick = useClock();
  const many = Boolean(prefill.alertId);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const dueAt = time.fromInput(due);
    // The host's own schema, so each refusal shows beside its field in plain words.
    const parsed = opsMethods['tasks.create'].args.safeParse({ title, description, department: chosen[0] ?? actor?.department ?? '-', dueAt });
    const found = parsed.success ? {} : fieldErrors(parsed.error.issues, { title: 'Title', description: 'Description', dueAt: 'Due time' });
    if (dueAt !== null && tick && dueAt < tick.now - dueGraceMs) found.dueAt = `The due time is already past: choose a time after ${time.short(tick.now - dueGraceMs)}.`;
    setErrors(found);
    if (Object.keys(found).length > 0) {
      document.getElementById(`task-form-${Object.keys(found)[0]}`)?.focus();
      return;
    }
    let location;
    try {
      location = locationFrom(lon, lat);
    } catch (err) {
      toasts.error(err);
      return;
    }
    if (chosen.length === 0) {
      toasts.error('Choose at least one department');
      return;
    }
    setBusy(true);
    const created: Task[] = [];
    for (const department of chosen) {
      try {
        created.push(await call('tasks.create', { title, description, department, priority, dueAt: time.fromInput(due), location, alertId: prefill.alertId ?? null }));
      } catch (err) {
        toasts.error(err);
      }
    }
    setBusy(false);
    if (created.length > 0) {
      toasts.info(created.length === 1 ? `Task created: ${title}` : `${created.length} tasks created: ${title}`);
      select({ kind: 'task', id: created[0]!.id });
    }
  };

  return (
    <form className="form task-form" onSubmit={submit} aria-label={many ? 'Create tasks from alert' : 'New task'} data-testid="task-form">
      <h3>{many ? 'Create tasks from this alert' : 'New task'}</h3>
      <label className="field">
        <span>Title</span>
        <input id="task-form-title" required value={title} onChange={(e) => setTitle(e.target.value)} aria-invalid={Boolean(errors.title)} aria-describedby="task-form-title-note" autoFocus />
        <FieldNote id="task-form-title-note" error={errors.title} length={title.length} limit={textLimits.title} />
      </label>
      <label className="field">
        <span>Description</span>
        <textarea id="task-form-description" rows={3} value={description} onChange={(e) => setDescription(e.target.value)} aria-invalid={Boolean(errors.description)} aria-describedby="task-form-description-note" />
        <FieldNote id="task-form-description-note" error={errors.description} length={description.length} limit={textLimits.description} />
      </label>
      <PriorityDueFields priority={priority} due={due} onPriority={setPriority} onDue={setDue} dueId="task-form-dueAt" dueError={errors.dueAt} />
      {many ? (
        <fieldset className="dept-choice">
          <legend>Departments (one task each)</legend>
          {departments.map((d) => (
            <label key={d.id} className="check">
              <input
                type="checkbox"
                checked={chosen.includes(d.id)}
                onChange={(e) => setChosen((c) => (e.target.checked ? [...c, d.id] : c.filter((x) => x !== d.id)))}
              />
              <span>{d.short}</span>
            </label>
          ))}
        </fieldset>
      ) : (
        <label className="field">
          <span>Department</span>
          <select value={chosen[0] ?? ''} onChange={(e) => setChosen([e.target.value])}>
            {departments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <LocationFields lon={lon} lat={lat} onChange={(x, y) => (setLon(x), setLat(y))} />
      <div className="form-actions">
        <button type="button" className="button" onClick={endCreate}>
          Cancel
        </button>
        <button type="submit" className="button primary" disabled={busy} data-testid="task-form-submit">
          {many && chosen.length > 1 ? `Create ${chosen.length} tasks` : 'Create task'}
        </button>
      </div>
    </form>
  );
}
