import type { PolderBridge, WireError } from '../../../native/api/index.ts';
import { BridgeError, createWebSocketBridge, type ConnectionState } from './ws-bridge.ts';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in serve mode. */
    polder?: PolderBridge;
  }
}

export interface HostLink {
  bridge: PolderBridge;
  /** Current connection to the host; Electron's IPC is always open. */
  state(): ConnectionState;
  onState(listener: (state: ConnectionState) => void): () => void;
}

/** The one way the UI talks to native: `window.polder` under Electron, else serve mode's WebSocket. */
export function connectToHost(): HostLink {
  const stateListeners = new Set<(state: ConnectionState) => void>();
  const ipc = window.polder;
  if (ipc) {
    const bridge: PolderBridge = {
      invoke: (method, args) =>
        ipc.invoke(method, args).catch((error: WireError) => {
          throw new BridgeError(error);
        }),
      subscribe: (event, listener) => ipc.subscribe(event, listener),
    };
    return { bridge, state: () => 'open', onState: () => () => {} };
  }
  let current: ConnectionState = 'connecting';
  const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api`;
  const bridge = createWebSocketBridge(wsUrl, (state) => {
    current = state;
    for (const listener of stateListeners) listener(state);
  });
  return {
    bridge,
    state: () => current,
    onState(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
  };
}
