import { useCallback, useState, type KeyboardEvent } from 'react';
import type { Alert } from '../../../native/api/ops.ts';
import { VirtualList } from '../boards/VirtualList.tsx';
import { useSession } from '../session/session.tsx';
import { useSelection } from '../shell/selection.tsx';
import { useUiPrefs } from '../shell/ui-prefs.tsx';
import { useTimeFormat } from '../shell/time-format.tsx';
import { useAlerts } from './alerts-context.tsx';
import { AlertActions } from './AlertActions.tsx';
import { CapImportButton } from './CapControls.tsx';
import { reportTrust, ReportTrustTag } from './report-trust.tsx';
import { alertKeys, useAlertCommands } from './use-alert-commands.ts';

/** Open alerts in native's order; duplicates arrive grouped (×n). One key per action on the active alert. */
/** `onRaise` is left out for a user who may not raise alerts: the button is not offered. */
export function AlertQueue({ onRaise }: { onRaise?: (() => void) | undefined }) {
  const { alerts, showClosed, setShowClosed, error } = useAlerts();
  const { selected, select } = useSelection();
  const { fieldMode } = useUiPrefs();
  const commands = useAlertCommands();
  const [active, setActive] = useState(-1);
  const activeIndex = Math.min(active, alerts.length - 1);
  const activeAlert = activeIndex >= 0 ? (alerts[activeIndex] ?? null) : null;
  const rowId = useCallback((i: number) => `alert-row-${alerts[i]?.id ?? i}`, [alerts]);

  const keyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!activeAlert || e.ctrlKey || e.metaKey || e.altKey || e.shiftKey) return;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      select({ kind: 'alert', id: activeAlert.id });
      return;
    }
    const action = alertKeys[e.key.toLowerCase()];
    if (!action) return;
    e.preventDefault();
    if (action === 'map') commands.showOnMap(activeAlert);
    else if (action === 'tasks') commands.createTasks(activeAlert);
    else void commands.act(activeAlert, action);
  };

  return (
    <section className="panel panel-alerts" aria-labelledby="panel-alerts-title" id="region-alerts">
      <div className="panel-head">
        <h2 id="panel-alerts-title">
          Alerts <span className="count">{alerts.length}</span>
        </h2>
        <label className="check small">
          <input type="checkbox" checked={showClosed} onChange={(e) => setShowClosed(e.target.checked)} />
          <span>Closed too</span>
        </label>
        {onRaise && (
          <>
            <button type="button" className="button" onClick={onRaise} data-testid="raise-alert">
              Raise alert <kbd>!</kbd>
            </button>
            <CapImportButton />
          </>
        )}
      </div>
      {error && <p role="alert" className="inline-error">{error}</p>}
      {alerts.length === 0 ? (
        <p className="placeholder">No open alerts.</p>
      ) : (
        <VirtualList
          id="alert-list"
          label={`Alert queue: ${alerts.length} alerts. Keys: A acknowledge, E escalate, R resolve, D dismiss, G map, T create tasks`}
          count={alerts.length}
          rowHeight={fieldMode ? 84 : 64}
          activeIndex={activeIndex}
          onActiveChange={setActive}
          rowId={rowId}
          onKeyDown={keyDown}
          renderRow={(i, isActive) => {
            const alert = alerts[i]!;
            return <AlertRow id={rowId(i)} alert={alert} active={isActive} selected={selected?.kind === 'alert' && selected.id === alert.id} onOpen={() => { setActive(i); select({ kind: 'alert', id: alert.id }); }} />;
          }}
        />
      )}
      {activeAlert && <AlertActions alert={activeAlert} compact />}
    </section>
  );
}

function AlertRow({ id, alert, active, selected, onOpen }: { id: string; alert: Alert; active: boolean; selected: boolean; onOpen(): void }) {
  const time = useTimeFormat();
  const { actorName } = useSession();
  const trust = reportTrust(alert);
  return (
    <div
      id={id}
      role="option"
      aria-selected={selected}
      data-testid="alert-row"
      data-alert-id={alert.id}
      className={`alert-row severity-${alert.severity} status-${alert.status} ${active ? 'is-active' : ''} ${selected ? 'is-selected' : ''}`}
      onClick={onOpen}
    >
      <div className="alert-row-top">
        <span className={`severity-tag severity-tag-${alert.severity}`}>{alert.severity}</span>
        {trust && <ReportTrustTag trust={trust} />}
        {alert.occurrences > 1 && <span className="occurrences" title="Reported this many times (grouped)" data-testid="alert-occurrences">×{alert.occurrences}</span>}
        {alert.escalation > 0 && <span className="escalation">L{alert.escalation}</span>}
        <span className={`alert-status alert-status-${alert.status}`}>{alert.status}</span>
        <span className="alert-time" title={time.full(alert.raisedAt)}>{time.short(alert.raisedAt)}</span>
      </div>
      <div className="alert-row-title">{alert.title}</div>
      <div className="alert-row-meta">
        {trust ? 'public report' : alert.source} · {alert.urgency} · {actorName(alert.raisedBy)}
      </div>
    </div>
  );
}
