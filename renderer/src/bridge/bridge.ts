import type { PolderBridge, WireError } from '../../../native/api/index.ts';
import { pageKeyParam, wirePath } from '../../../native/api/wire.ts';
import { takePageKey } from './page-key.ts';
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
  /**
   * How many connections the link has opened. It changes on each reconnection — pushes sent while
   * the link was down are lost, so whatever shows live data loads it afresh when this changes.
   * (A host that only went quiet and speaks again on the same connection missed nothing.)
   */
  generation(): number;
  /** True when this page has no key to reach its host: only the URL `polder serve` printed helps. */
  needsUrl: boolean;
}


function storageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
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
    return { bridge, state: () => 'open', onState: () => () => {}, generation: () => 1, needsUrl: false };
  }
  const key = takePageKey(location, history, storageOrNull());
  let current: ConnectionState = 'connecting';
  let opened = 0;
  const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${wirePath}?${pageKeyParam}=${encodeURIComponent(key ?? '')}`;
  const bridge = createWebSocketBridge(wsUrl, {
    onConnection() {
      opened++;
    },
    onState(state) {
      current = state;
      for (const listener of stateListeners) listener(state);
    },
  });
  return {
    bridge,
    state: () => current,
    onState(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    generation: () => opened,
    needsUrl: key === null,
  };
}
