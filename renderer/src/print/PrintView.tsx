import { useCallback, useEffect, useState } from 'react';
import type { PrintJob } from '../../../native/api/desktop.ts';
import type { Alert, Board } from '../../../native/api/ops.ts';
import { useAlerts } from '../alerts/alerts-context.tsx';
import { useSession } from '../session/session.tsx';
import { useClock } from '../shell/clock-context.tsx';
import { useTimeFormat } from '../shell/time-format.tsx';
import { priorityLabel, statusColumns, statusLabel } from '../tasks/labels.ts';
import './print.css';

/**
 * A paper page for `job`, shown only by print media (the screen keeps the workspace). Calls
 * `onReady` once its data is in, so printing starts with the page complete.
 */
export function PrintView({ job, onReady }: { job: PrintJob; onReady(): void }) {
  return (
    <div className="print-view" data-testid="print-view" data-print={job.kind}>
      {job.kind === 'board' ? (
        <BoardPrint department={job.department} onReady={onReady} />
      ) : job.kind === 'alert' ? (
        <AlertPrint alertId={job.alertId} onReady={onReady} />
      ) : job.kind === 'ics204' ? (
        <Ics204Print department={job.department} onReady={onReady} />
      ) : job.kind === 'aar' ? (
        <AarPrint onReady={onReady} />
      ) : (
        <Ics214Print department={job.department} actorId={job.actorId ?? null} onReady={onReady} />
      )}
    </div>
  );
}

function Printed({ title }: { title: string }) {
  const time = useTimeFormat();
  const { actor } = useSession();
  const tick = useClock();
  return (
    <header className="print-header">
      <h1>{title}</h1>
      <p>
        Printed by {actor?.name ?? '—'}{tick ? ` · ${time.full(tick.now)}` : ''}
      </p>
    </header>
  );
}

function BoardPrint({ department, onReady }: { department: string | null; onReady(): void }) {
  const { call, departmentName, unitName } = useSession();
  const time = useTimeFormat();
  const [board, setBoard] = useState<Board | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    call('board.query', department ? { department, includeClosed: true } : { includeClosed: true }).then(setBoard, (err: Error) => setError(err.message));
  }, [call, department]);
  useEffect(() => {
    if (board || error) onReady();
  }, [board, error, onReady]);
  const lanes = (board?.lanes ?? []).filter((l) => department === null || l.department.id === department);
  return (
    <>
      <Printed title={`Task board — ${department ? departmentName(department) : 'all departments'}`} />
      {error && <p role="alert">{error}</p>}
      <table className="print-table" data-testid="print-board">
        <thead>
          <tr>
            <th>Status</th>
            <th>Priority</th>
            <th>Task</th>
            {department === null && <th>Department</th>}
            <th>Unit</th>
            <th>Due</th>
          </tr>
        </thead>
        <tbody>
          {statusColumns.flatMap((status) =>
            lanes.flatMap((lane) =>
              (lane.tasks[status] ?? []).map((task) => (
                <tr key={task.id} className={task.overdue ? 'overdue' : ''}>
                  <td>{statusLabel[status]}</td>
                  <td>{priorityLabel[task.priority]}</td>
                  <td>
                    {task.title}
                    {task.description && <div className="print-note">{task.description}</div>}
                  </td>
                  {department === null && <td>{lane.department.short}</td>}
                  <td>{unitName(task.unitId)}</td>
                  <td>{task.dueAt === null ? '—' : `${time.short(task.dueAt)}${task.overdue ? ' (overdue)' : ''}`}</td>
                </tr>
              )),
            ),
          )}
        </tbody>
      </table>
    </>
  );
}

function AlertPrint({ alertId, onReady }: { alertId: string; onReady(): void }) {
  const { alerts } = useAlerts();
  const { actorName } = useSession();
  const time = useTimeFormat();
  const alert: Alert | undefined = alerts.find((a) => a.id === alertId);
  useEffect(() => onReady(), [onReady]);
  if (!alert) return <p>This alert is no longer in the queue.</p>;
  const point = alert.area?.type === 'Point' ? alert.area.coordinates : null;
  return (
    <>
      <Printed title={`Alert: ${alert.title}`} />
      <table className="print-table print-fields" data-testid="print-alert">
        <tbody>
          {(
            [
              ['Severity', alert.severity],
              ['Urgency', alert.urgency],
              ['Certainty', alert.certainty],
              ['Status', alert.status],
              ['Source', alert.source],
              ['Raised', `${time.full(alert.raisedAt)} by ${actorName(alert.raisedBy)}`],
              ['Reports', String(alert.occurrences)],
              ['Area', point ? `${point[1].toFixed(5)}, ${point[0].toFixed(5)} (lat, lon)` : alert.area ? 'A drawn area (see the map)' : '—'],
              ['Description', alert.description || '—'],
            ] as const
          ).map(([label, value]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** The form's data from native (the same builder as `polder ics`), or the error that stopped it. */
/** The after-action report as native/aar renders it for every output (file, print, PDF): one
 * escaped fragment with its own scoped style and SVG charts, so the three never differ. */
function AarPrint({ onReady }: { onReady(): void }) {
  const { call } = useSession();
  const load = useCallback(() => call('aar.report', {}), [call]);
  const { form: report, error } = useForm(load, onReady);
  return (
    <>
      {error && <p role="alert">{error}</p>}
      {report && <div data-testid="print-aar" dangerouslySetInnerHTML={{ __html: report.html }} />}
    </>
  );
}

function useForm<T>(load: () => Promise<T>, onReady: () => void): { form: T | null; error: string | null } {
  const [form, setForm] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    load().then(setForm, (err: Error) => setError(err.message));
  }, [load]);
  useEffect(() => {
    if (form || error) onReady();
  }, [form, error, onReady]);
  return { form, error };
}

function FieldRows({ rows }: { rows: [string, string][] }) {
  return (
    <table className="print-table print-fields">
      <tbody>
        {rows.map(([label, value]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** ICS 214 (Activity Log): incident, operational period, who prepared it, then the notable activities in time order. */
function Ics214Print({ department, actorId, onReady }: { department: string | null; actorId: string | null; onReady(): void }) {
  const { call } = useSession();
  const time = useTimeFormat();
  const load = useCallback(() => call('ics.form214', actorId ? { actorId } : department ? { department } : {}), [call, department, actorId]);
  const { form, error } = useForm(load, onReady);
  const period = form ? `${form.period.from === null ? '' : `${time.full(form.period.from)} to `}${time.full(form.period.to)}` : '—';
  return (
    <>
      <Printed title="ACTIVITY LOG (ICS 214)" />
      {error && <p role="alert">{error}</p>}
      <FieldRows
        rows={[
          ['1. Incident name', form?.incident ?? '—'],
          ['2. Operational period', period],
          ['3. Name', form?.subject.name ?? '—'],
          ['4. ICS position', form?.subject.position ?? '—'],
          ['5. Home agency (and unit)', form?.subject.agency ?? '—'],
          ['8. Prepared by', form?.preparedBy ?? '—'],
        ]}
      />
      <h2>7. Activity log</h2>
      <table className="print-table" data-testid="print-ics214">
        <thead>
          <tr>
            <th>Date/time</th>
            <th>Notable activities</th>
          </tr>
        </thead>
        <tbody>
          {(form?.entries ?? []).map((e, i) => (
            <tr key={i}>
              <td>{time.full(e.at)}</td>
              <td>
                {e.activity} — {e.by}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** ICS 204 (Assignment List): per division (department), its supervisor, resources and open work assignments. */
function Ics204Print({ department, onReady }: { department: string | null; onReady(): void }) {
  const { call } = useSession();
  const time = useTimeFormat();
  const load = useCallback(() => call('ics.form204', department ? { department } : {}), [call, department]);
  const { form, error } = useForm(load, onReady);
  const period = form ? `${form.period.from === null ? '' : `${time.full(form.period.from)} to `}${time.full(form.period.to)}` : '—';
  return (
    <>
      <Printed title="ASSIGNMENT LIST (ICS 204)" />
      {error && <p role="alert">{error}</p>}
      {(form?.divisions ?? []).map((d) => (
        <section key={d.name} className="print-division" data-testid="print-ics204">
          <FieldRows
            rows={[
              ['1. Incident name', form!.incident],
              ['2. Operational period', period],
              ['4. Division / group', d.name],
              ['5. Division / group supervisor', d.supervisor ?? '—'],
            ]}
          />
          <h2>6. Resources assigned</h2>
          <table className="print-table">
            <thead>
              <tr>
                <th>Resource</th>
                <th>Status</th>
                <th>Quantity</th>
                <th>Location / notes</th>
              </tr>
            </thead>
            <tbody>
              {d.resources.map((r) => (
                <tr key={r.id}>
                  <td>{r.name}</td>
                  <td>{r.status.replace(/_/g, ' ')}</td>
                  <td>{r.quantity ?? '—'}</td>
                  <td>{[r.location, r.note].filter(Boolean).join(' — ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>7. Work assignments</h2>
          <table className="print-table">
            <thead>
              <tr>
                <th>Assignment</th>
                <th>Priority</th>
                <th>Status</th>
                <th>Unit</th>
                <th>Due</th>
                <th>Location</th>
              </tr>
            </thead>
            <tbody>
              {d.assignments.map((a) => (
                <tr key={a.taskId} className={a.overdue ? 'overdue' : ''}>
                  <td>
                    {a.title}
                    {a.description && <div className="print-note">{a.description}</div>}
                  </td>
                  <td>{priorityLabel[a.priority]}</td>
                  <td>{statusLabel[a.status]}</td>
                  <td>{a.unit ?? '—'}</td>
                  <td>{a.dueAt === null ? '—' : `${time.short(a.dueAt)}${a.overdue ? ' (overdue)' : ''}`}</td>
                  <td>{a.location ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <FieldRows rows={[['10. Prepared by', form!.preparedBy]]} />
        </section>
      ))}
    </>
  );
}
