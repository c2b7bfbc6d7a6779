import { useEffect, useState } from 'react';
import type { PrintJob } from '../../../native/api/desktop.ts';
import type { Alert, Board, TimelineEntry } from '../../../native/api/ops.ts';
import { useAlerts } from '../alerts/alerts-context.tsx';
import { useSession } from '../session/session.tsx';
import { useClock } from '../shell/clock-context.tsx';
import { useTimeFormat } from '../shell/time-format.tsx';
import { priorityLabel, statusColumns, statusLabel } from '../tasks/labels.ts';
import './print.css';

/** Entries of the activity log an ICS 214 printout carries at most (newest first from the host). */
const ics214Entries = 2000;

/**
 * A paper page for `job`, shown only by print media (the screen keeps the workspace). Calls
 * `onReady` once its data is in, so printing starts with the page complete.
 */
export function PrintView({ job, scenarioTitle, onReady }: { job: PrintJob; scenarioTitle: string; onReady(): void }) {
  return (
    <div className="print-view" data-testid="print-view" data-print={job.kind}>
      {job.kind === 'board' ? (
        <BoardPrint department={job.department} onReady={onReady} />
      ) : job.kind === 'alert' ? (
        <AlertPrint alertId={job.alertId} onReady={onReady} />
      ) : (
        <Ics214Print department={job.department} scenarioTitle={scenarioTitle} onReady={onReady} />
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

/** ICS 214 (Activity Log): incident, operational period, who prepared it, then the notable activities in time order. */
function Ics214Print({ department, scenarioTitle, onReady }: { department: string | null; scenarioTitle: string; onReady(): void }) {
  const { call, actor, actorName, departmentName } = useSession();
  const time = useTimeFormat();
  const [entries, setEntries] = useState<TimelineEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    call('timeline.query', department ? { department, limit: ics214Entries } : { limit: ics214Entries }).then(
      (list) => setEntries([...list].reverse()),
      (err: Error) => setError(err.message),
    );
  }, [call, department]);
  useEffect(() => {
    if (entries || error) onReady();
  }, [entries, error, onReady]);
  const first = entries?.[0]?.at;
  const last = entries?.at(-1)?.at;
  return (
    <>
      <Printed title="ACTIVITY LOG (ICS 214)" />
      {error && <p role="alert">{error}</p>}
      <table className="print-table print-fields">
        <tbody>
          <tr>
            <th scope="row">1. Incident name</th>
            <td>{scenarioTitle}</td>
          </tr>
          <tr>
            <th scope="row">2. Operational period</th>
            <td>{first !== undefined && last !== undefined ? `${time.full(first)} to ${time.full(last)}` : '—'}</td>
          </tr>
          <tr>
            <th scope="row">3. Unit / department</th>
            <td>{department ? departmentName(department) : 'All departments'}</td>
          </tr>
          <tr>
            <th scope="row">8. Prepared by</th>
            <td>{actor ? `${actor.name}, ${departmentName(actor.department)} ${actor.role}` : '—'}</td>
          </tr>
        </tbody>
      </table>
      <h2>7. Activity log</h2>
      <table className="print-table" data-testid="print-ics214">
        <thead>
          <tr>
            <th>Date/time</th>
            <th>Notable activities</th>
          </tr>
        </thead>
        <tbody>
          {(entries ?? []).map((e) => (
            <tr key={e.id}>
              <td>{time.full(e.at)}</td>
              <td>
                {e.summary} — {actorName(e.actorId)}
                {e.department ? ` (${departmentName(e.department)})` : ''}
                {e.text && <div className="print-note">“{e.text}”</div>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
