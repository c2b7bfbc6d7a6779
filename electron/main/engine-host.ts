// The desktop app's engine host: the engine runs in an Electron utility process, so a long
// run never competes with the main process (IPC, windows) for its event loop, and a crash in
// the engine cannot take the app down.
import { utilityProcess } from 'electron';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { engineEntries } from '../../simulation/host/entries.ts';
import type { SimulationHost } from '../../simulation/host/create-host.ts';
import type { HostEvent } from '../../simulation/host/protocol.ts';

export function utilityProcessHost(resourcesDir: string): SimulationHost {
  const listeners = new Set<(event: HostEvent) => void>();
  const emit = (event: HostEvent) => {
    for (const listener of listeners) listener(event);
  };
  const child = utilityProcess.fork(fileURLToPath(engineEntries.process), [], {
    serviceName: 'Polder engine',
    env: { ...process.env, POLDER_RESOURCES_DIR: resourcesDir },
    stdio: 'inherit',
  });
  let exited = false;
  let closing = false;
  child.on('message', (message: HostEvent) => emit(message));
  child.on('exit', (code) => {
    exited = true;
    if (code !== 0 && !closing) emit({ type: 'error', message: `engine process exited (code ${code})` });
  });
  return {
    send: (request) => child.postMessage(request),
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      if (exited) return;
      closing = true;
      const exit = once(child, 'exit');
      child.kill();
      await exit;
    },
  };
}
