import { contextBridge, ipcRenderer } from 'electron';
import type { Invoke, Method, PolderBridge, Push, PushEvent } from '../../native/api/index.ts';
import type { DispatchResult } from '../../native/api/wire.ts';
import { ipcChannels } from './channels.ts';

const bridge = {
  async invoke<M extends Method>(method: M, args: Invoke[M][0]): Promise<Invoke[M][1]> {
    const result = (await ipcRenderer.invoke(ipcChannels.invoke, method, args)) as DispatchResult;
    // contextBridge strips custom properties from Error objects, so reject with the plain
    // { code, message }; the renderer's bridge turns it back into an error.
    if (!result.ok) return Promise.reject(result.error);
    return result.value as Invoke[M][1];
  },
  subscribe<E extends PushEvent>(event: E, listener: (payload: Push[E]) => void): () => void {
    const onPush = (_: unknown, name: string, payload: unknown) => {
      if (name === event) listener(payload as Push[E]);
    };
    ipcRenderer.on(ipcChannels.push, onPush);
    return () => ipcRenderer.off(ipcChannels.push, onPush);
  },
} satisfies PolderBridge;

contextBridge.exposeInMainWorld('polder', bridge);
