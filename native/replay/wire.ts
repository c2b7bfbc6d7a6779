import type { AppOptions } from '../app.ts';
import type { VirtualClock } from '../clock/virtual-clock.ts';
import { createProjector } from '../ops/projector.ts';
import { notifyRemote, type OpsService } from '../ops/service.ts';
import type { Recording } from '../record/format.ts';
import type { PushBus } from '../rpc/push-bus.ts';
import type { SensorService } from '../sensors/service.ts';
import type { AlertSink } from '../sensors/thresholds.ts';
import { createReplay, type Replay } from './replay-service.ts';

export interface ReplaySetup {
  /** The recording imported into the app's data folder. */
  recording: Recording;
  /** The app's clock: a virtual clock in 'replay' mode. */
  clock: VirtualClock;
}

/** Why an app cannot start as a replay (it was given live links), or null. A replay never reaches a broker or a live topic. */
export function replayConflict(options: Pick<AppOptions, 'brokers' | 'sync' | 'capFeed' | 'clock'>, replay: ReplaySetup): string | null {
  if (options.clock !== replay.clock || replay.clock.mode !== 'replay') return 'a replay runs on its own virtual clock in replay mode';
  if (options.brokers?.length || options.sync) return 'a replay never connects to a broker: it runs apart from every live node and topic';
  if (options.capFeed) return 'a replay takes no CAP feed: it runs apart from every live topic';
  return null;
}

/**
 * Alerts in a replay come from the recorded log only: the re-published readings must not raise
 * their threshold or silence alerts a second time (nor write anything to the replay's log).
 */
export const recordedAlertsOnly: AlertSink = {
  open: () => null,
  raise: () => ({ id: '', raised: false }),
  escalate() {},
  resolve() {},
};

/** Starts the replay on an app's own services: its log's projections, its sensors, its pushes. */
export function startReplay(setup: ReplaySetup & { ops: OpsService; sensors: SensorService; pushes: PushBus }): Replay {
  const { ops } = setup;
  return createReplay({
    db: ops.store.db,
    projector: createProjector(ops.store.db),
    applied: (result) => notifyRemote(ops.store.db, ops.core, result),
    sensors: setup.sensors,
    clock: setup.clock,
    recording: setup.recording,
    push: (state) => setup.pushes.emit('replay.state', state),
    recommendationsChanged: (ids) => setup.pushes.emit('recommendations.changed', { ids }),
  });
}
