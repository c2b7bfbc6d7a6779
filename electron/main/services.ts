import { utilityProcess, type MessagePortMain } from 'electron';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../../native/logger.ts';
import { savePdf } from './save-pdf.ts';
import { servicesConfigEnv, type FromServices, type ServicesConfig, type ToServices } from '../services/messages.ts';

export interface ServicesProcess {
  /** Hands a window's port to the services, which serve it as one session. */
  connect(windowId: string, port: MessagePortMain): void;
  disconnect(windowId: string): void;
  /** Resolves once the services have closed the store and exited. */
  quit(): Promise<void>;
}

/**
 * Starts the services utility process (out/main/services.js, beside this bundle). `onFailure`
 * hears when it could not start or died: without it no window can work.
 */
export function startServices(config: ServicesConfig, logger: Logger, onFailure: (message: string) => void): ServicesProcess {
  const child = utilityProcess.fork(fileURLToPath(new URL('./services.js', import.meta.url)), [], {
    serviceName: 'Polder services',
    env: { ...process.env, [servicesConfigEnv]: JSON.stringify(config) },
    stdio: 'inherit',
  });
  let quitting = false;
  let exited = false;
  const send = (message: ToServices, ports: MessagePortMain[] = []) => {
    if (!exited) child.postMessage(message, ports);
  };
  child.on('message', (message: FromServices) => {
    if (message.type === 'failed') onFailure(message.message);
    else if (message.type === 'save-pdf') void savePdf(message).then((reply) => send(reply));
  });
  child.on('exit', (code) => {
    exited = true;
    if (!quitting) {
      logger.error(`the services process exited (code ${code})`);
      onFailure(`The Polder services stopped unexpectedly (exit code ${code}).`);
    }
  });
  return {
    connect: (windowId, port) => send({ type: 'connect', windowId }, [port]),
    disconnect: (windowId) => send({ type: 'disconnect', windowId }),
    async quit() {
      if (exited) return;
      quitting = true;
      const exit = once(child, 'exit');
      send({ type: 'quit' });
      await exit;
    },
  };
}
