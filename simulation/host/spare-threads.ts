// How many threads a forecast's team may take without waiting on the scheduler. A team meets at a
// barrier every step (thousands a forecast), so on cores busy with other work each step waits for
// whichever of its threads the scheduler has set aside: Merewether's 60-minute forecast at a load
// of 10 on 2 cores took 14–21 s on two threads and 5.5–8 s on one. The one-minute load average
// counts this process's own threads too: what it has used lately is taken off.
import { availableParallelism, loadavg } from 'node:os';
import { stopwatchMs } from './stopwatch.ts';

export interface MachineLoad {
  cores: number;
  /** One-minute load average. */
  load: number;
  /** Cores' worth of CPU this process used over about the last minute. */
  ownBusy: number;
}

/** `asked` threads while the other work leaves that many cores, else the cores it leaves (≥ 1). */
export function spareThreads(asked: number, { cores, load, ownBusy }: MachineLoad): number {
  const spare = cores - Math.max(0, load - ownBusy);
  return Math.max(1, Math.min(asked, Math.floor(spare + 0.5)));
}

/** Samples of this process's CPU time, to tell its own share of the load average. */
export function ownCpuWatch(cpuSeconds: () => number, nowMs: () => number, windowMs = 60_000) {
  const samples: { at: number; cpu: number }[] = [{ at: nowMs(), cpu: cpuSeconds() }];
  return {
    /** Cores' worth of CPU used since the oldest sample of the last window. */
    busy(): number {
      const at = nowMs();
      const cpu = cpuSeconds();
      while (samples.length > 1 && at - samples[1]!.at >= windowMs) samples.shift();
      const from = samples[0]!;
      samples.push({ at, cpu });
      return at > from.at ? (cpu - from.cpu) / ((at - from.at) / 1000) : 0;
    },
  };
}

/** The machine's load as `spareThreads` reads it, for the engine's host process or thread. */
export function machineLoad(): () => MachineLoad {
  const own = ownCpuWatch(() => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1e6;
  }, stopwatchMs);
  return () => ({ cores: availableParallelism(), load: loadavg()[0]!, ownBusy: own.busy() });
}
