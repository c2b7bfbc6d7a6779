// The engine's entry modules as the desktop build emits them, beside the main bundle in
// out/main (electron.vite.config.ts names them and swaps this module in for
// simulation/host/entries.ts).
import type { EngineEntries } from '../../simulation/host/entries.ts';

export const engineEntries: EngineEntries = {
  workerThread: new URL('./engine-thread.js', import.meta.url),
  process: new URL('./engine-process.js', import.meta.url),
  teamWorker: new URL('./team-worker.js', import.meta.url),
  memberWorker: new URL('./member-worker.js', import.meta.url),
};
