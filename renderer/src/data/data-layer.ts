import type { PolderBridge } from '../../../native/api/index.ts';
import type { Alert, TimelineEntry } from '../../../native/api/ops.ts';
import { createAlertSync } from './alert-sync.ts';
import { createBoardStores } from './board-stores.ts';
import { createReportStore } from './report-store.ts';
import { createSensorStore } from './sensor-store.ts';
import type { Read } from './in-flight.ts';
import { createTimelineFeed } from './timeline-feed.ts';
import { createValueStore, immediately, type Schedule } from './value-store.ts';

export interface AlertsView {
  /** Every alert, closed ones too, in queue order; null until the first answer. */
  all: Alert[] | null;
  error: string | null;
}

export interface TimelineView {
  /** The newest entries of the activity log, newest first; null until the first answer. */
  entries: TimelineEntry[] | null;
  error: string | null;
}

/** How many of the newest activity-log entries a window keeps. */
export const timelineLimit = 300;

/**
 * One window's data: a store per domain (alerts, the activity log, boards), each filled by one full
 * query and then patched from pushes. `listen` makes the window's only subscription to each push;
 * panels read the stores, never the bridge, so N panels cost what one does. `read` should share
 * identical requests in flight (shareInFlight); `schedule` coalesces what panels hear (nextFrame),
 * `scheduleLog` what the activity-log panels hear.
 */
export function createDataLayer(read: Read, schedule: Schedule = immediately, scheduleLog: Schedule = schedule) {
  let clockNow: number | null = null;
  const alerts = createValueStore<AlertsView>({ all: null, error: null }, schedule);
  const alertSync = createAlertSync({
    query: () => read('alerts.query', {}),
    rows: (ids) => read('alerts.rows', { ids }),
    show: (all) => alerts.set({ all, error: null }),
    fail: (error) => alerts.set({ ...alerts.get(), error }),
  });

  const timeline = createValueStore<TimelineView>({ entries: null, error: null }, scheduleLog);
  const feed = createTimelineFeed(
    {
      query: (limit) => read('timeline.query', { limit }),
      show: (entries) => timeline.set({ entries, error: null }),
      fail: (error) => timeline.set({ ...timeline.get(), error }),
    },
    timelineLimit,
  );

  const boards = createBoardStores(read, schedule);
  const sensors = createSensorStore(read, schedule, () => clockNow);
  const reports = createReportStore(read, schedule);

  return {
    read,
    alerts,
    timeline,
    /** Entries as each timeline.appended push brings them, for panels with their own filters. */
    onTimelineAppended: feed.onAppended,
    boards,
    /** Live sensors: registry, latest readings, observed lines. */
    sensors: sensors.store,
    /** Citizen and field reports, grouped by place and time. */
    reports: reports.store,
    /** Queries every store in full: at start and after a reconnection (pushes sent meanwhile were lost). */
    reload() {
      alertSync.reload();
      feed.reload();
      boards.reload();
      void sensors.reload();
      void reports.reload();
    },
    /** Subscribes once to each push the stores follow; returns the unsubscribe. */
    listen(bridge: Pick<PolderBridge, 'subscribe'>): () => void {
      const offs = [
        bridge.subscribe('alerts.changed', alertSync.changed),
        bridge.subscribe('timeline.appended', ({ entries }) => feed.appended(entries)),
        bridge.subscribe('tasks.changed', boards.changed),
        bridge.subscribe('app.clock', ({ now }) => {
          clockNow = now;
          boards.clock(now);
        }),
        bridge.subscribe('sensors.readings', sensors.readings),
        bridge.subscribe('sensors.changed', sensors.changed),
        bridge.subscribe('reports.changed', reports.changed),
      ];
      return () => offs.forEach((off) => off());
    },
  };
}

export type DataLayer = ReturnType<typeof createDataLayer>;
