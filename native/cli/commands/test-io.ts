import type { CliIo } from '../command.ts';

/** A CliIo that records output; `stop()` resolves stopRequested. */
export function recordingIo(env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  let stop!: () => void;
  const stopRequested = new Promise<void>((resolve) => (stop = resolve));
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), env, isTTY: false, stopRequested };
  return { io, out, err, stop };
}
