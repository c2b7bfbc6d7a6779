import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { Invoke, Method, PolderBridge, Push, PushEvent, WireError } from '../../native/api/index.ts';
import type { ClientFrame, ServerFrame } from '../../native/api/wire.ts';
import { ipcChannels } from './channels.ts';

// window.polder over this window's own MessagePort to the services process (main hands it over
// after checking the frame). Calls made before the port arrives wait for it.

type Port = IpcRendererEvent['ports'][number];

function portBridge(): PolderBridge {
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: WireError): void }>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let nextId = 1;

  const port = new Promise<Port>((resolve) => {
    ipcRenderer.once(ipcChannels.port, (event) => {
      const [received] = event.ports;
      if (!received) return;
      received.onmessage = (message: { data: unknown }) => {
        const data = message.data as ServerFrame;
        if (data.t === 'push') {
          for (const listener of listeners.get(data.event) ?? []) listener(data.payload);
          // A latest-only push (a map frame): the services process sends the next only after this.
          if (data.ack) received.postMessage({ t: 'ack', event: data.event } satisfies ClientFrame);
        } else if (data.t === 'result') {
          const call = pending.get(data.id);
          pending.delete(data.id);
          // contextBridge strips custom properties from Error objects, so reject with the plain
          // { code, message }; the renderer's bridge turns it back into an error.
          if (data.ok) call?.resolve(data.value);
          else call?.reject(data.error);
        } else if (data.t === 'error') {
          console.error('polder services:', data.error.message);
        }
      };
      resolve(received);
    });
  });
  ipcRenderer.send(ipcChannels.portRequest);

  return {
    async invoke<M extends Method>(method: M, args: Invoke[M][0]): Promise<Invoke[M][1]> {
      const id = nextId++;
      const channel = await port;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        channel.postMessage({ t: 'call', id, method, args });
      });
    },
    subscribe<E extends PushEvent>(event: E, listener: (payload: Push[E]) => void): () => void {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => set.delete(wrapped);
    },
  } satisfies PolderBridge;
}

contextBridge.exposeInMainWorld('polder', portBridge());
