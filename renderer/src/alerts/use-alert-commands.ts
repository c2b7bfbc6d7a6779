import { useMemo } from 'react';
import type { Alert, AlertAction } from '../../../native/api/ops.ts';
import { useReadOnly } from '../session/read-only.ts';
import { useMapFocus, type MapGeometry } from '../shell/map-focus.ts';
import { useSelection } from '../shell/selection.tsx';
import { prefillFromAlert } from '../tasks/task-draft.ts';
import { useToasts } from '../ui/toasts.tsx';
import { useAlerts } from './alerts-context.tsx';

/**
 * The one-key alert commands, shared by the queue, the details panel, the banner and the palette.
 * A key that would act where nobody may (a replay, an observer) says why instead.
 */
export function useAlertCommands() {
  const { act } = useAlerts();
  const readOnly = useReadOnly();
  const map = useMapFocus();
  const { startCreate } = useSelection();
  const toasts = useToasts();
  return useMemo(
    () => ({
      act: async (alert: Alert, action: AlertAction) => (readOnly ? toasts.info(readOnly) : act(alert, action)),
      showOnMap(alert: Alert) {
        if (!alert.area) {
          toasts.info(`"${alert.title}" has no area to show`);
          return;
        }
        map.focus({ kind: 'alert', id: alert.id, label: alert.title, geometry: alert.area as MapGeometry });
      },
      createTasks: (alert: Alert) => (readOnly ? toasts.info(readOnly) : startCreate(prefillFromAlert(alert))),
    }),
    [act, map, readOnly, startCreate, toasts],
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
