import { useEffect, useState, type KeyboardEvent } from 'react';
import { AlertDetails } from '../alerts/AlertDetails.tsx';
import { useAlerts } from '../alerts/alerts-context.tsx';
import { alertKeys, useAlertCommands } from '../alerts/use-alert-commands.ts';
import { useReadOnly } from '../session/read-only.ts';
import { useSelection } from '../shell/selection.tsx';
import { LiveGaugePanel } from '../gauges/LiveGaugePanel.tsx';
import { TaskDetails } from './TaskDetails.tsx';
import { TaskForm } from './TaskForm.tsx';

/** The right-hand panel: a new task being written, the selected task, or the selected alert. */
export function DetailsPanel() {
  const { selected, draft, startCreate } = useSelection();
  const readOnly = useReadOnly();
  const { alerts } = useAlerts();
  const commands = useAlertCommands();
  const title = draft ? 'New task' : selected?.kind === 'alert' ? 'Alert' : 'Task';
  const [view, setView] = useState<'details' | 'gauges'>('details');
  // Opening or starting something shows it.
  useEffect(() => setView('details'), [selected, draft]);

  const alertKey = (e: KeyboardEvent) => {
    if (selected?.kind !== 'alert' || draft || e.ctrlKey || e.metaKey || e.altKey || e.shiftKey) return;
    const target = e.target as HTMLElement;
    if (target.closest('input, textarea, select')) return;
    const alert = alerts.find((a) => a.id === selected.id);
    const action = alertKeys[e.key.toLowerCase()];
    if (!alert || !action) return;
    e.preventDefault();
    if (action === 'map') commands.showOnMap(alert);
    else if (action === 'tasks') commands.createTasks(alert);
    else void commands.act(alert, action);
  };

  return (
    <section className="panel panel-details" aria-labelledby="panel-details-title" id="region-details" onKeyDown={alertKey}>
      <div className="panel-head">
        <h2 id="panel-details-title" className="visually-hidden">
          {view === 'gauges' ? 'Gauges' : title}
        </h2>
        <div className="panel-tabs" role="tablist" aria-label="Panel">
          <button type="button" role="tab" aria-selected={view === 'details'} onClick={() => setView('details')} data-testid="details-tab">
            {title}
          </button>
          <button type="button" role="tab" aria-selected={view === 'gauges'} onClick={() => setView('gauges')} data-testid="gauges-tab">
            Gauges
          </button>
        </div>
        {!draft && readOnly === null && (
          <button type="button" className="button" onClick={() => startCreate()} data-testid="new-task">
            New task <kbd>N</kbd>
          </button>
        )}
      </div>
      <div className="panel-body">
        {view === 'gauges' ? (
          <LiveGaugePanel />
        ) : draft ? (
          <TaskForm key={JSON.stringify(draft)} prefill={draft} />
        ) : selected?.kind === 'task' ? (
          <TaskDetails key={selected.id} taskId={selected.id} />
        ) : selected?.kind === 'alert' ? (
          <AlertDetails key={selected.id} alertId={selected.id} />
        ) : (
          <p className="placeholder">Select a task on a board or an alert in the queue, or press N for a new task.</p>
        )}
      </div>
    </section>
  );
}
