import type { Alert } from '../../../native/api/ops.ts';
import { useReadOnly } from '../session/read-only.ts';
import { useAlertCommands } from './use-alert-commands.ts';

/** The alert's actions as buttons, each showing its key: those native says this user may take now. */
export function AlertActions({ alert, compact }: { alert: Alert; compact?: boolean }) {
  const c = useAlertCommands();
  const readOnly = useReadOnly();
  const may = (action: Alert['allowedActions'][number]) => readOnly === null && alert.allowedActions.includes(action);
  return (
    <div className={`alert-actions ${compact ? 'compact' : ''}`} role="toolbar" aria-label={`Actions for alert: ${alert.title}`}>
      {may('acknowledge') && (
        <button type="button" className="button primary" onClick={() => void c.act(alert, 'acknowledge')} data-testid="alert-acknowledge">
          Acknowledge <kbd>A</kbd>
        </button>
      )}
      {may('escalate') && (
        <button type="button" className="button" onClick={() => void c.act(alert, 'escalate')} data-testid="alert-escalate">
          Escalate <kbd>E</kbd>
        </button>
      )}
      {may('resolve') && (
        <button type="button" className="button" onClick={() => void c.act(alert, 'resolve')} data-testid="alert-resolve">
          Resolve <kbd>R</kbd>
        </button>
      )}
      {may('dismiss') && !compact && (
        <button type="button" className="button" onClick={() => void c.act(alert, 'dismiss')} data-testid="alert-dismiss">
          Dismiss <kbd>D</kbd>
        </button>
      )}
      <button type="button" className="button" onClick={() => c.showOnMap(alert)} disabled={!alert.area} data-testid="alert-map">
        Map <kbd>G</kbd>
      </button>
      {readOnly === null ? (
        <button type="button" className="button" onClick={() => c.createTasks(alert)} data-testid="alert-create-tasks">
          Create tasks <kbd>T</kbd>
        </button>
      ) : (
        <span className="muted" data-testid="alert-read-only">
          {readOnly}
        </span>
      )}
    </div>
  );
}
