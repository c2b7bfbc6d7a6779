import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { ExerciseState, Inject, InjectMethod } from '../../../native/api/exercise.ts';
import type { Alert } from '../../../native/api/ops.ts';
import { useHost } from '../bridge/host-context.tsx';
import { useSession } from '../session/session.tsx';
import { useClock } from '../shell/clock-context.tsx';
import { useTimeFormat } from '../shell/time-format.tsx';
import { severities } from '../tasks/labels.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { useToasts } from '../ui/toasts.tsx';

const rates = [1, 5, 10, 30, 60];
const methodLabel: Record<InjectMethod, string> = { alert: 'Alert', message: 'Message', sensor: 'Sensor anomaly' };

/** In exercise mode: the controller's button, and the view it opens. */
export function ExerciseControl() {
  const tick = useClock();
  const { actor } = useSession();
  const [open, setOpen] = useState(false);
  // Native decides (exercise.control); the button is offered to the EOC, who run exercises.
  if (tick?.mode !== 'exercise' || actor?.department !== 'eoc' || actor.role === 'observer') return null;
  return (
    <>
      <button type="button" className="button exercise-control-open" onClick={() => setOpen(true)} data-testid="exercise-control-open">
        Exercise control
      </button>
      {open && <ExerciseDialog onClose={() => setOpen(false)} />}
    </>
  );
}

function ExerciseDialog({ onClose }: { onClose(): void }) {
  const { call } = useSession();
  const { bridge } = useHost();
  const toasts = useToasts();
  const time = useTimeFormat();
  const [state, setState] = useState<ExerciseState | null>(null);

  const load = useCallback(() => call('exercise.state', {}).then(setState, (err: unknown) => toasts.error(err)), [call, toasts]);
  useEffect(() => {
    load();
    return bridge.subscribe('exercise.changed', load);
  }, [bridge, load]);

  const act = async (run: () => Promise<unknown>) => {
    try {
      await run();
      await load();
    } catch (err) {
      toasts.error(err);
    }
  };

  if (!state) return <Dialog title="Exercise control" onClose={onClose}>{null}</Dialog>;
  const { clock } = state;
  return (
    <Dialog title="Exercise control" onClose={onClose} className="exercise-dialog">
      <div className="exercise-clock" data-testid="exercise-clock">
        <span>
          Exercise {state.exerciseId} · scenario time <strong>{time.clock(clock.now)}</strong> (STARTEX {time.clock(state.start)})
        </span>
        <button type="button" className="button" data-testid="exercise-play" onClick={() => act(() => call(clock.playing ? 'clock.pause' : 'clock.play', {}))}>
          {clock.playing ? 'Pause' : 'Play'}
        </button>
        <label>
          Speed{' '}
          <select value={clock.rate} data-testid="exercise-rate" onChange={(e) => act(() => call('clock.rate', { rate: Number(e.target.value) }))}>
            {[...new Set([...rates, clock.rate])].sort((a, b) => a - b).map((r) => (
              <option key={r} value={r}>
                {r}×
              </option>
            ))}
          </select>
        </label>
      </div>
      <table className="exercise-injects" data-testid="exercise-injects">
        <thead>
          <tr>
            <th>#</th>
            <th>Due</th>
            <th>How</th>
            <th>To</th>
            <th>Synopsis and expected action</th>
            <th>State</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {state.injects.map((inject) => (
            <InjectRow key={inject.id} inject={inject} act={act} />
          ))}
        </tbody>
      </table>
      <InsertForm onInsert={(draft) => act(() => call('exercise.insert', { inject: draft }))} />
    </Dialog>
  );
}

function InjectRow({ inject, act }: { inject: Inject; act(run: () => Promise<unknown>): Promise<void> }) {
  const { call } = useSession();
  const time = useTimeFormat();
  const [note, setNote] = useState('');
  const pending = inject.status === 'pending';
  const saveNote = (e: FormEvent) => {
    e.preventDefault();
    if (!note.trim()) return;
    void act(() => call('exercise.note', { injectId: inject.id, text: note })).then(() => setNote(''));
  };
  return (
    <tr data-testid="inject-row" data-number={inject.number} data-status={inject.status}>
      <td>{inject.number}</td>
      <td title={inject.at !== inject.plannedAt ? `Planned ${time.clock(inject.plannedAt)}` : undefined}>
        {time.clock(inject.at)}
        {inject.at !== inject.plannedAt && ' (delayed)'}
      </td>
      <td>{methodLabel[inject.method]}</td>
      <td>{inject.to}</td>
      <td>
        <div>{inject.synopsis}</div>
        {inject.expectedAction && <div className="exercise-expected">Expected: {inject.expectedAction}</div>}
        {inject.notes.map((n, i) => (
          <div key={i} className="exercise-note" data-testid="inject-note">
            Note ({n.by}, {time.clock(n.at)}): {n.text}
          </div>
        ))}
        <form onSubmit={saveNote} className="exercise-note-form">
          <input aria-label={`Evaluator note on inject ${inject.number}`} value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} placeholder="Evaluator note" data-testid="inject-note-input" />
          <button type="submit" className="button" disabled={!note.trim()}>
            Note
          </button>
        </form>
      </td>
      <td data-testid="inject-status">{inject.status === 'delivered' && inject.deliveredAt !== null ? `delivered ${time.clock(inject.deliveredAt)}` : inject.status}</td>
      <td>
        {pending && (
          <>
            <button type="button" className="button" data-testid="inject-delay" onClick={() => act(() => call('exercise.delay', { injectId: inject.id, minutes: 5 }))}>
              Delay 5 min
            </button>
            <button type="button" className="button" data-testid="inject-skip" onClick={() => act(() => call('exercise.skip', { injectId: inject.id, reason: null }))}>
              Skip
            </button>
          </>
        )}
      </td>
    </tr>
  );
}

interface Draft {
  method: InjectMethod;
  to: string;
  synopsis: string;
  expectedAction: string;
  alert: { severity: Alert['severity']; urgency: Alert['urgency']; certainty: Alert['certainty'] } | null;
}

/** An ad-hoc inject delivered now: a message to a department or an alert (sensor anomalies come from the MSEL). */
function InsertForm({ onInsert }: { onInsert(draft: Draft): Promise<void> }) {
  const { departments } = useSession();
  const [method, setMethod] = useState<'message' | 'alert'>('message');
  const [to, setTo] = useState(departments[0]?.id ?? 'eoc');
  const [synopsis, setSynopsis] = useState('');
  const [expectedAction, setExpectedAction] = useState('');
  const [severity, setSeverity] = useState<Alert['severity']>('Severe');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void onInsert({ method, to: departments.find((d) => d.id === to)?.name ?? to, synopsis, expectedAction, alert: method === 'alert' ? { severity, urgency: 'Immediate', certainty: 'Observed' } : null }).then(() => {
      setSynopsis('');
      setExpectedAction('');
    });
  };
  return (
    <form className="exercise-insert" onSubmit={submit} aria-label="Insert an inject">
      <h3>Insert an inject now</h3>
      <select aria-label="Delivery method" value={method} onChange={(e) => setMethod(e.target.value as 'message' | 'alert')}>
        <option value="message">Message</option>
        <option value="alert">Alert</option>
      </select>
      <select aria-label="To" value={to} onChange={(e) => setTo(e.target.value)}>
        {departments.map((d) => (
          <option key={d.id} value={d.id}>
            {d.name}
          </option>
        ))}
      </select>
      {method === 'alert' && (
        <select aria-label="Severity" value={severity} onChange={(e) => setSeverity(e.target.value as Alert['severity'])}>
          {severities.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      )}
      <input aria-label="Synopsis" placeholder="Synopsis" value={synopsis} maxLength={2000} onChange={(e) => setSynopsis(e.target.value)} data-testid="insert-synopsis" />
      <input aria-label="Expected action" placeholder="Expected action" value={expectedAction} maxLength={2000} onChange={(e) => setExpectedAction(e.target.value)} />
      <button type="submit" className="button" disabled={!synopsis.trim()} data-testid="insert-inject">
        Insert
      </button>
    </form>
  );
}
