// The app's handle on an engine running in its own thread or process: send HostRequests,
// listen to HostEvents. Nothing the engine does blocks the caller's event loop.
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { engineEntries } from './entries.ts';
import type { HostEvent, HostRequest } from './protocol.ts';

export interface SimulationHost {
  send(request: HostRequest): void;
  /** Returns a function that removes the listener. */
  on(listener: (event: HostEvent) => void): () => void;
  /** Ends the engine thread or process. */
  close(): Promise<void>;
}

export interface SimulationHostOptions {
  /** The folder holding scenarios/ (the repository's or the packaged app's resources/). */
  resourcesDir: string;
  /** 'worker' (default): a worker thread; 'process': a child process. */
  mode?: 'worker' | 'process';
}

export function createSimulationHost({ resourcesDir, mode = 'worker' }: SimulationHostOptions): SimulationHost {
  const listeners = new Set<(event: HostEvent) => void>();
  const emit = (event: HostEvent) => {
    for (const listener of listeners) listener(event);
  };
  let send: (request: HostRequest) => void;
  let close: () => Promise<void>;
  if (mode === 'worker') {
    const worker = new Worker(engineEntries.workerThread, { workerData: { resourcesDir } });
    worker.on('message', emit);
    worker.on('error', (error) => emit({ type: 'error', message: `engine thread failed: ${error.message}` }));
    send = (request) => worker.postMessage(request);
    close = async () => {
      await worker.terminate();
    };
  } else {
    const entry = fileURLToPath(engineEntries.process);
    const child: ChildProcess = fork(entry, [resourcesDir], {
      serialization: 'advanced',
      execArgv: process.features.typescript ? [] : ['--experimental-strip-types', '--no-warnings=ExperimentalWarning'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.on('message', (message) => emit(message as HostEvent));
    child.on('exit', (code, signal) => {
      if (code !== 0 && signal !== 'SIGTERM') emit({ type: 'error', message: `engine process exited (${signal ?? `code ${code}`})` });
    });
    send = (request) => child.send(request);
    close = async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    };
  }
  return {
    send: (request) => send(request),
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => close(),
  };
}
