/**
 * Hybrid logical clock (Kulkarni et al.): wall-clock milliseconds plus a counter, so every event
 * a device writes orders after everything it has seen. State lives in the object the caller owns.
 * Encoded as `<wall 15 digits>-<counter 4 hex>-<node>`: string order is (wall, counter, node) order.
 */
export interface HlcState {
  wall: number;
  counter: number;
  readonly node: string;
}

export interface HlcOptions {
  /** A remote timestamp further ahead of our clock than this is refused. */
  maxDriftMs: number;
}

export const defaultHlcOptions: HlcOptions = { maxDriftMs: 5 * 60_000 };
const maxCounter = 0xffff;

export class HlcDriftError extends Error {
  override name = 'HlcDriftError';
}
export class HlcOverflowError extends Error {
  override name = 'HlcOverflowError';
}

export interface Hlc {
  wall: number;
  counter: number;
  node: string;
}

export function createHlcState(node: string, wall = 0, counter = 0): HlcState {
  if (!/^[A-Za-z0-9_.:]+$/.test(node)) throw new Error(`HLC node id must be letters, digits, _ . or :, got "${node}"`);
  return { wall, counter, node };
}

export function encodeHlc(t: Hlc): string {
  return `${String(t.wall).padStart(15, '0')}-${t.counter.toString(16).padStart(4, '0')}-${t.node}`;
}

export function decodeHlc(text: string): Hlc {
  const match = /^(\d{15})-([0-9a-f]{4})-(.+)$/.exec(text);
  if (!match) throw new Error(`not an HLC timestamp: "${text}"`);
  return { wall: Number(match[1]), counter: parseInt(match[2]!, 16), node: match[3]! };
}

function bump(state: HlcState, wall: number, counter: number): string {
  if (counter > maxCounter) throw new HlcOverflowError(`HLC counter overflow at ${wall} on ${state.node}: more than ${maxCounter + 1} events in one millisecond`);
  state.wall = wall;
  state.counter = counter;
  return encodeHlc(state);
}

/** A timestamp for a local event. */
export function hlcNow(state: HlcState, now: number): string {
  const wall = Math.max(state.wall, now);
  return bump(state, wall, wall === state.wall ? state.counter + 1 : 0);
}

/** Merges a remote timestamp into our state; refuses one too far ahead of our clock. */
export function hlcReceive(state: HlcState, remoteText: string, now: number, options: HlcOptions = defaultHlcOptions): string {
  const remote = decodeHlc(remoteText);
  if (remote.wall - now > options.maxDriftMs) {
    throw new HlcDriftError(`remote clock ${remote.node} is ${remote.wall - now} ms ahead of ours (limit ${options.maxDriftMs} ms)`);
  }
  const wall = Math.max(state.wall, remote.wall, now);
  let counter = 0;
  if (wall === state.wall && wall === remote.wall) counter = Math.max(state.counter, remote.counter) + 1;
  else if (wall === state.wall) counter = state.counter + 1;
  else if (wall === remote.wall) counter = remote.counter + 1;
  return bump(state, wall, counter);
}
