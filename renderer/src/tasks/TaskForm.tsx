import { useState, type FormEvent } from 'react';
import { textLimits, type Task } from '../../../native/api/ops.ts';
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
  const many = Boolean(prefill.alertId);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
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
        <input required maxLength={textLimits.title} value={title} onChange={(e) => setTitle(e.target.value)} autoFocus />
      </label>
      <label className="field">
        <span>Description</span>
        <textarea rows={3} maxLength={textLimits.description} value={description} onChange={(e) => setDescription(e.target.value)} />
      </label>
      <PriorityDueFields priority={priority} due={due} onPriority={setPriority} onDue={setDue} />
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
