import { useEffect, useMemo, useState } from 'react';
import type { Alert } from '../../../native/api/ops.ts';
import { noFilters, useBoard } from '../boards/use-board.ts';
import { useHost } from '../bridge/host-context.tsx';
import { useSession } from '../session/session.tsx';
import { boardTasks, opsFeatures, type OpsFeatureCollection } from './ops-features.ts';

const openTasks = { ...noFilters, includeClosed: false };

/** Open alerts with an area and open tasks with a location. The tasks are a board kept current
 * the way department boards are (patched from each tasks.changed push, not queried again); the
 * alerts, a few dozen at most, are listed again whenever one changes. */
export function useOpsFeatures(): OpsFeatureCollection {
  const { bridge } = useHost();
  const { call } = useSession();
  const { board } = useBoard(openTasks);
  const [alerts, setAlerts] = useState<Alert[]>([]);
  useEffect(() => {
    let latest = 0;
    const refresh = () => {
      const id = ++latest;
      call('alerts.list', { status: 'open' }).then(
        (list) => id === latest && setAlerts(list),
        () => id === latest && setAlerts([]),
      );
    };
    refresh();
    const off = bridge.subscribe('alerts.changed', refresh);
    return () => {
      latest = -1;
      off();
    };
  }, [bridge, call]);
  return useMemo(() => opsFeatures(alerts, board ? boardTasks(board) : []), [alerts, board]);
}
