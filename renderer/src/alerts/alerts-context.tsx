import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Alert, AlertAction } from '../../../native/api/ops.ts';
import { useAlertsView } from '../data/data-context.tsx';
import { useSession } from '../session/session.tsx';
import { useUiPrefs } from '../shell/ui-prefs.tsx';
import { useToasts } from '../ui/toasts.tsx';
import { createAlarmTone } from './alarm-tone.ts';


interface AlertsState {
  /** In native's order. */
  alerts: Alert[];
  showClosed: boolean;
  setShowClosed(on: boolean): void;
  /** Raised Severe/Extreme alerts nobody has acknowledged yet. */
  loud: Alert[];
  /** How many times the alarm has sounded in this window (the status bar and tests read it). */
  alarms: number;
  act(alert: Alert, action: AlertAction): Promise<void>;
  error: string | null;
}

const AlertsContext = createContext<AlertsState | null>(null);
const reminderMs = 30_000;

/** The alert queue as native orders it, from the window's data layer, and the alarm for loud ones. */
export function AlertsProvider({ children }: { children: ReactNode }) {
  const { call } = useSession();
  const { muted } = useUiPrefs();
  const toasts = useToasts();
  const [showClosed, setShowClosed] = useState(false);
  const [alarms, setAlarms] = useState(0);
  const tone = useMemo(createAlarmTone, []);
  const heard = useRef(new Set<string>());
  const mutedRef = useRef(muted);
  mutedRef.current = muted;

  const sound = useCallback(() => {
    setAlarms((n) => n + 1);
    if (!mutedRef.current) tone.play();
  }, [tone]);

  useEffect(() => {
    const unlock = () => tone.unlock();
    window.addEventListener('pointerdown', unlock, { once: true });
    window.addEventListener('keydown', unlock, { once: true });
    return () => {
      window.removeEventListener('pointerdown', unlock);
      window.removeEventListener('keydown', unlock);
    };
  }, [tone]);

  const { all, error } = useAlertsView();
  const openAlerts = useMemo(() => (all ?? []).filter((a) => a.status === 'raised' || a.status === 'acknowledged'), [all]);
  const alerts = showClosed ? (all ?? []) : openAlerts;

  const loud = useMemo(() => openAlerts.filter((a) => a.loud), [openAlerts]);

  // Sound once for each loud alert this window has not heard yet, then remind while any stays unacknowledged.
  useEffect(() => {
    const fresh = loud.filter((a) => !heard.current.has(a.id));
    for (const a of fresh) heard.current.add(a.id);
    if (fresh.length > 0) sound();
    if (loud.length === 0) return;
    const timer = setInterval(sound, reminderMs);
    return () => clearInterval(timer);
  }, [loud, sound]);

  const act = useCallback(
    async (alert: Alert, action: AlertAction) => {
      try {
        await call(`alerts.${action}`, { alertId: alert.id });
        const verb = { acknowledge: 'acknowledged', escalate: 'escalated', resolve: 'resolved', dismiss: 'dismissed' }[action];
        toasts.info(`Alert ${verb}: ${alert.title}`);
      } catch (err) {
        toasts.error(err);
      }
    },
    [call, toasts],
  );

  const value = useMemo(() => ({ alerts, showClosed, setShowClosed, loud, alarms, act, error }), [alerts, showClosed, loud, alarms, act, error]);
  return <AlertsContext.Provider value={value}>{children}</AlertsContext.Provider>;
}

export function useAlerts(): AlertsState {
  const a = useContext(AlertsContext);
  if (!a) throw new Error('useAlerts outside AlertsProvider');
  return a;
}
