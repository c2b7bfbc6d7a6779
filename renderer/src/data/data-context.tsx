import { createContext, useContext, useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useConnectionState, useHost } from '../bridge/host-context.tsx';
import { useSession } from '../session/session.tsx';
import type { BoardArgs, BoardView } from './board-stores.ts';
import { createDataLayer, type AlertsView, type DataLayer, type TimelineView } from './data-layer.ts';
import { shareInFlight } from './in-flight.ts';
import { atMostEvery, nextFrame } from './schedules.ts';
import type { ReportsView } from './report-store.ts';
import type { SensorsView } from './sensor-store.ts';
import type { ValueStore } from './value-store.ts';

/** The activity log re-renders at most this often during a burst of changes. */
const logEveryMs = 150;

const DataContext = createContext<DataLayer | null>(null);

/** The signed-in window's data layer: created once per sign-in, reloaded on every (re)connection. */
export function DataProvider({ children }: { children: ReactNode }) {
  const { bridge } = useHost();
  const { call } = useSession();
  const connection = useConnectionState();
  const layer = useMemo(() => createDataLayer(shareInFlight(call), nextFrame, atMostEvery(logEveryMs)), [call]);
  useEffect(() => layer.listen(bridge), [bridge, layer]);
  useEffect(() => {
    if (connection === 'open') layer.reload();
  }, [connection, layer]);
  // A replay that seeks, back or ahead, changes everything at once: load it all again.
  useEffect(() => {
    let seeks = -1;
    return bridge.subscribe('replay.state', (s) => {
      if (s.seeks !== seeks) layer.reload();
      seeks = s.seeks;
    });
  }, [bridge, layer]);
  return <DataContext.Provider value={layer}>{children}</DataContext.Provider>;
}

export function useDataLayer(): DataLayer {
  const layer = useContext(DataContext);
  if (!layer) throw new Error('useDataLayer outside DataProvider');
  return layer;
}

/** The data layer when signed in, null on the sign-in screen. */
export function useOptionalDataLayer(): DataLayer | null {
  return useContext(DataContext);
}

function useStore<T>(store: ValueStore<T>): T {
  return useSyncExternalStore(store.subscribe, store.get);
}

export function useAlertsView(): AlertsView {
  return useStore(useDataLayer().alerts);
}

export function useTimelineView(): TimelineView {
  return useStore(useDataLayer().timeline);
}

export function useSensorsView(): SensorsView {
  return useStore(useDataLayer().sensors);
}

export function useReportsView(): ReportsView {
  return useStore(useDataLayer().reports);
}

const noSensors: SensorsView = { sensors: null, latest: {}, observed: {}, counts: null, error: null };
const noSensorStore: ValueStore<SensorsView> = { get: () => noSensors, set() {}, subscribe: () => () => {} };

/** Live sensors when signed in (the sign-in screen has none). */
export function useOptionalSensorsView(): SensorsView {
  return useStore(useOptionalDataLayer()?.sensors ?? noSensorStore);
}

const noBoard: BoardView = { board: null, error: null };
const noStore: ValueStore<BoardView> = { get: () => noBoard, set() {}, subscribe: () => () => {} };

/** The board for these filters, shared with every panel of this window that asks for the same ones. */
export function useBoardView(args: BoardArgs): BoardView {
  const { boards } = useDataLayer();
  const key = JSON.stringify(args);
  const [store, setStore] = useState<ValueStore<BoardView>>(noStore);
  useEffect(() => {
    const handle = boards.acquire(JSON.parse(key) as BoardArgs);
    setStore(handle.store);
    return handle.release;
  }, [boards, key]);
  return useStore(store);
}
