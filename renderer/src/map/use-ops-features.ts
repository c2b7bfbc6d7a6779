import { useEffect, useState } from 'react';
import { useHost } from '../bridge/host-context.tsx';
import { useSession } from '../session/session.tsx';
import { boardTasks, opsFeatures, type OpsFeatureCollection } from './ops-features.ts';

const none: OpsFeatureCollection = { type: 'FeatureCollection', features: [] };

/** Open alerts with an area and open tasks with a location, refreshed whenever either changes
 * and when someone signs in (before that the host refuses these reads and the map shows none). */
export function useOpsFeatures(): OpsFeatureCollection {
  const { bridge } = useHost();
  const { actor, call } = useSession();
  const [features, setFeatures] = useState(none);
  useEffect(() => {
    if (!actor) {
      setFeatures(none);
      return;
    }
    let latest = 0;
    const refresh = () => {
      const id = ++latest;
      Promise.all([call('alerts.list', { status: 'open' }), call('board.query', { includeClosed: false })]).then(
        ([alerts, board]) => id === latest && setFeatures(opsFeatures(alerts, boardTasks(board))),
        () => id === latest && setFeatures(none),
      );
    };
    refresh();
    const offAlerts = bridge.subscribe('alerts.changed', refresh);
    const offTasks = bridge.subscribe('tasks.changed', refresh);
    return () => {
      latest = -1;
      offAlerts();
      offTasks();
    };
  }, [bridge, actor, call]);
  return features;
}
