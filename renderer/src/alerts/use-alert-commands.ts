import { useMemo } from 'react';
import type { Alert, AlertAction } from '../../../native/api/ops.ts';
import { useMapFocus, type MapGeometry } from '../shell/map-focus.ts';
import { useSelection } from '../shell/selection.tsx';
import { prefillFromAlert } from '../tasks/task-draft.ts';
import { useToasts } from '../ui/toasts.tsx';
import { useAlerts } from './alerts-context.tsx';

/** The one-key alert commands, shared by the queue, the details panel, the banner and the palette. */
export function useAlertCommands() {
  const { act } = useAlerts();
  const map = useMapFocus();
  const { startCreate } = useSelection();
  const toasts = useToasts();
  return useMemo(
    () => ({
      act: (alert: Alert, action: AlertAction) => act(alert, action),
      showOnMap(alert: Alert) {
        if (!alert.area) {
          toasts.info(`"${alert.title}" has no area to show`);
          return;
        }
        map.focus({ kind: 'alert', id: alert.id, label: alert.title, geometry: alert.area as MapGeometry });
      },
      createTasks: (alert: Alert) => startCreate(prefillFromAlert(alert)),
    }),
    [act, map, startCreate, toasts],
  );
}

/** Keys that act on an alert, wherever one has the focus. */
export const alertKeys: Record<string, AlertAction | 'map' | 'tasks'> = {
  a: 'acknowledge',
  e: 'escalate',
  r: 'resolve',
  d: 'dismiss',
  g: 'map',
  t: 'tasks',
};
