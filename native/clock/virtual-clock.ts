import type { Clock } from './clock.ts';

/**
 * A clock for replays and exercises: scenario time that runs at `rate` times a source clock
 * (normally the system clock) while playing, stands still while paused, and jumps on seek.
 * Listeners hear every change of course (play, pause, rate, seek) so timers can re-arm.
 */
export interface VirtualClock extends Clock {
  readonly rate: number;
  readonly playing: boolean;
  play(): void;
  pause(): void;
  setRate(rate: number): void;
  seek(at: number): void;
  /** Source-clock milliseconds until this clock reads `at`: 0 if it already has, null while paused. */
  sourceDelayUntil(at: number): number | null;
  onChange(listener: () => void): () => void;
}

export interface VirtualClockOptions {
  source: Clock;
  start: number;
  rate?: number;
  mode?: 'exercise' | 'replay';
  playing?: boolean;
}

export const maxVirtualRate = 3600;

export function checkRate(rate: number): number {
  if (!Number.isFinite(rate) || rate <= 0 || rate > maxVirtualRate) {
    throw new RangeError(`a clock rate must be a number above 0 and at most ${maxVirtualRate} (got ${rate})`);
  }
  return rate;
}

export function virtualClock(options: VirtualClockOptions): VirtualClock {
  const { source } = options;
  let rate = checkRate(options.rate ?? 1);
  let playing = options.playing ?? false;
  // Scenario time is anchorAt + (source now − anchorSource) × rate while playing, anchorAt otherwise.
  let anchorAt = options.start;
  let anchorSource = source.now();
  const listeners = new Set<() => void>();

  const now = () => (playing ? anchorAt + (source.now() - anchorSource) * rate : anchorAt);
  const reanchor = (at: number) => {
    anchorAt = at;
    anchorSource = source.now();
  };
  const changed = () => {
    for (const listener of [...listeners]) listener();
  };

  return {
    mode: options.mode ?? 'replay',
    now,
    get rate() {
      return rate;
    },
    get playing() {
      return playing;
    },
    play() {
      if (playing) return;
      reanchor(anchorAt);
      playing = true;
      changed();
    },
    pause() {
      if (!playing) return;
      reanchor(now());
      playing = false;
      changed();
    },
    setRate(next) {
      checkRate(next);
      reanchor(now());
      rate = next;
      changed();
    },
    seek(at) {
      if (!Number.isFinite(at)) throw new RangeError(`cannot seek to ${at}: not a time`);
      reanchor(at);
      changed();
    },
    sourceDelayUntil(at) {
      const ahead = at - now();
      if (ahead <= 0) return 0;
      return playing ? ahead / rate : null;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
