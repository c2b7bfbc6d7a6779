import type { VirtualClock } from '../clock/virtual-clock.ts';
import { atVirtualTime } from '../clock/virtual-timer.ts';
import type { Recording } from '../record/format.ts';
import { firstAfter, scheduleOf } from '../replay/schedule.ts';
import type { SensorService } from '../sensors/service.ts';

/**
 * Re-publishes a recording's sensor messages (accepted and quarantined, as received) into the
 * exercise's own sensor service on the exercise clock, each at its recorded receive time — the
 * replay's schedule, without its events: trainees make the decisions live. Only messages received
 * after `after` are sent (a restarted exercise already holds the earlier ones); those due by the
 * clock's time are sent at once.
 */
export function feedRecordedReadings(options: { recording: Recording; clock: VirtualClock; sensors: Pick<SensorService, 'receive'>; after: number }): { close(): void } {
  const { clock, sensors } = options;
  const { payloads } = scheduleOf(options.recording);
  let next = firstAfter(payloads, options.after);
  let pending: { cancel(): void } | null = null;

  const step = () => {
    const end = firstAfter(payloads, clock.now());
    for (; next < end; next++) sensors.receive(payloads[next]!.topic, payloads[next]!.raw, payloads[next]!.at);
    pending = next < payloads.length ? atVirtualTime(clock, payloads[next]!.at, step) : null;
  };
  step();
  return {
    close() {
      pending?.cancel();
      pending = null;
    },
  };
}
