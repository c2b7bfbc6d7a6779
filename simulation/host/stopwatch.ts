/**
 * Milliseconds on a monotonic timer, for how long the engine computed (progress, wall seconds):
 * never a date. simulation/ cannot import native/clock, so this is its one clock module; runs take
 * their own `now` where a test needs to drive it.
 */
export function stopwatchMs(): number {
  return performance.now();
}
