/** The only way code learns the time. Replay and tests drive a virtual one. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  readonly mode: 'live' | 'exercise' | 'replay';
}

export function systemClock(): Clock {
  return { now: () => Date.now(), mode: 'live' };
}

/** A clock that only moves when told to: for tests and replays. */
export function manualClock(start: number, mode: Clock['mode'] = 'exercise') {
  let current = start;
  return {
    mode,
    now: () => current,
    set(ms: number) {
      current = ms;
    },
    advance(ms: number) {
      current += ms;
    },
  };
}

export type ManualClock = ReturnType<typeof manualClock>;
