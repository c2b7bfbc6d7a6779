// Where the engine's thread and process entry modules live. Under Node they are the .ts files
// beside this one; the desktop build swaps this module for electron/main/engine-entries.ts,
// which points at the bundled .js files (see electron.vite.config.ts).
export interface EngineEntries {
  /** The engine as a worker thread of the app (createSimulationHost mode 'worker'). */
  workerThread: URL;
  /** The engine as its own process: a Node child process or an Electron utility process. */
  process: URL;
  /** Each extra thread of a multi-threaded run. */
  teamWorker: URL;
  /** Each thread of an ensemble's members run side by side. */
  memberWorker: URL;
}

export const engineEntries: EngineEntries = {
  workerThread: new URL('./worker-entry.ts', import.meta.url),
  process: new URL('./process-entry.ts', import.meta.url),
  teamWorker: new URL('./team-worker.ts', import.meta.url),
  memberWorker: new URL('./member-worker.ts', import.meta.url),
};
