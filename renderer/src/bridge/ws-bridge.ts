import type { Invoke, Method, PolderBridge, Push, PushEvent } from '../../../native/api/index.ts';
import type { WireError } from '../../../native/api/errors.ts';
import type { ClientFrame } from '../../../native/api/wire.ts';
import { decodeServerFrame } from './binary-frame.ts';

export type ConnectionState = 'connecting' | 'open' | 'closed';

export class BridgeError extends Error implements WireError {
  readonly code: WireError['code'];
  constructor(error: WireError) {
    super(error.message);
    this.name = 'BridgeError';
    this.code = error.code;
  }
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/**
 * Serve mode's `window.polder`: the contract over one WebSocket to the host that served the page
 * (the token cookie authenticates it). Reconnects with backoff; calls made while disconnected wait.
 */
export function createWebSocketBridge(url: string, onState: (state: ConnectionState) => void): PolderBridge {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const pending = new Map<number, Pending>();
  const queued: string[] = [];
  let nextId = 1;
  let socket: WebSocket;
  let backoffMs = 250;

  const connect = () => {
    onState('connecting');
    socket = new WebSocket(url);
    socket.binaryType = 'arraybuffer';
    socket.onopen = () => {
      backoffMs = 250;
      onState('open');
      for (const frame of queued.splice(0)) socket.send(frame);
    };
    socket.onmessage = (event) => {
      const frame = decodeServerFrame(event.data as string | ArrayBuffer);
      if (frame.t === 'push') {
        for (const listener of listeners.get(frame.event) ?? []) listener(frame.payload);
        // Binary pushes are the latest-only ones (map frames): the host waits for this before the next.
        if (event.data instanceof ArrayBuffer) socket.send(JSON.stringify({ t: 'ack', event: frame.event } satisfies ClientFrame));
      } else if (frame.t === 'result') {
        const call = pending.get(frame.id);
        pending.delete(frame.id);
        if (frame.ok) call?.resolve(frame.value);
        else call?.reject(new BridgeError(frame.error));
      } else {
        console.error('polder host:', frame.error.message);
      }
    };
    socket.onclose = () => {
      onState('closed');
      for (const call of pending.values()) call.reject(new BridgeError({ code: 'unavailable', message: 'Connection to the Polder host was lost' }));
      pending.clear();
      setTimeout(connect, backoffMs);
      backoffMs = Math.min(backoffMs * 2, 5000);
    };
  };
  connect();

  return {
    invoke<M extends Method>(method: M, args: Invoke[M][0]): Promise<Invoke[M][1]> {
      const id = nextId++;
      const frame = JSON.stringify({ t: 'call', id, method, args } satisfies ClientFrame);
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        if (socket.readyState === WebSocket.OPEN) socket.send(frame);
        else queued.push(frame);
      });
    },
    subscribe<E extends PushEvent>(event: E, listener: (payload: Push[E]) => void): () => void {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => set.delete(wrapped);
    },
  };
}
