import { useEffect, useMemo, useState } from 'react';
import type { Task, Unit } from '../../../native/api/ops.ts';
import { useAlerts } from '../alerts/alerts-context.tsx';
import { useHost } from '../bridge/host-context.tsx';
import { useSession } from '../session/session.tsx';
import { paletteFinds, scenarioPlaces, type Find, type Place } from './palette-finds.ts';

/** Typing pauses this long before the host is asked for tasks. */
const settleMs = 150;

/** Tasks, alerts, units and places matching the palette's query. Units and places load once per
 * opening; tasks come from the host's board search on the query's longest word. */
export function usePaletteFinds(query: string): Find[] {
  const { bridge } = useHost();
  const { call } = useSession();
  const { alerts } = useAlerts();
  const [units, setUnits] = useState<Unit[]>([]);
  const [places, setPlaces] = useState<Place[]>([]);
  const [tasks, setTasks] = useState<Task[]>([]);

  useEffect(() => {
    let live = true;
    call('units.list', {}).then((u) => live && setUnits(u), () => {});
    bridge.invoke('scenario.layers', {}).then((layers) => live && setPlaces(scenarioPlaces({ assets: layers.assets, gauges: layers.gauges, inflows: layers.inflows, observations: layers.observations })), () => {});
    return () => {
      live = false;
    };
  }, [bridge, call]);

  const longest = query.trim().split(/\s+/).reduce((a, b) => (b.length > a.length ? b : a), '');
  useEffect(() => {
    if (longest.length < 2) {
      setTasks([]);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      call('board.query', { text: longest, includeClosed: true }).then(
        (board) => live && setTasks(board.lanes.flatMap((lane) => Object.values(lane.tasks).flat())),
        () => live && setTasks([]),
      );
    }, settleMs);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [call, longest]);

  return useMemo(() => paletteFinds(query, { tasks, alerts, units, places }), [query, tasks, alerts, units, places]);
}
