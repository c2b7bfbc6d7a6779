import { useEffect } from 'react';
import { useReadOnly } from '../session/read-only.ts';
import { useSelection } from '../shell/selection.tsx';
import { useUiPrefs } from '../shell/ui-prefs.tsx';
import { useTimeFormat } from '../shell/time-format.tsx';
import { useAlerts } from './alerts-context.tsx';
import { useAlertCommands } from './use-alert-commands.ts';

/** Severe/Extreme alerts nobody has acknowledged: a flashing bar across the top until someone does. */
export function SevereAlertBanner() {
  const time = useTimeFormat();
  const { loud, alarms } = useAlerts();
  const { muted, setMuted } = useUiPrefs();
  const { select } = useSelection();
  const readOnly = useReadOnly();
  const commands = useAlertCommands();
  // A flagged tab title reaches someone looking at another window.
  const count = loud.length;
  useEffect(() => {
    if (count === 0) return;
    const before = document.title;
    document.title = `(${count}) SEVERE ALERT — ${before}`;
    return () => {
      document.title = before;
    };
  }, [count]);

  if (loud.length === 0) return null;
  const first = loud[0]!;
  return (
    <div className={`severe-banner severity-${first.severity}`} role="alert" data-testid="severe-banner" data-alarms={alarms}>
      <span className="severe-banner-label">
        {first.severity.toUpperCase()} ALERT{loud.length > 1 ? ` (+${loud.length - 1} more)` : ''}
      </span>
      <span className="severe-banner-title">
        {time.short(first.raisedAt)} — {first.title}
      </span>
      {readOnly === null && (
        <button type="button" className="button on-dark" onClick={() => void commands.act(first, 'acknowledge')} data-testid="banner-acknowledge">
          Acknowledge
        </button>
      )}
      <button type="button" className="button on-dark" onClick={() => select({ kind: 'alert', id: first.id })}>
        Open
      </button>
      <button type="button" className="button on-dark" aria-pressed={muted} onClick={() => setMuted(!muted)} data-testid="mute">
        {muted ? 'Unmute alarm' : 'Mute alarm'}
      </button>
    </div>
  );
}
