import type { Invoke, Method, PolderBridge, Push, PushEvent } from '../../../native/api/index.ts';
import type { WireError } from '../../../native/api/errors.ts';
import type { ClientFrame, ServerFrame } from '../../../native/api/wire.ts';
import { decodeServerFrame } from './binary-frame.ts';

/**
 * `connecting`: the first connection is being made. `open`: the host answers. `closed`: the host
 * was lost (or never reached) and the bridge is trying again; nothing is sent meanwhile.
 */
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

export interface WebSocketBridgeOptions {
  onState(state: ConnectionState): void;
  /** A new connection opened (the first, or one after a lost one): pushes sent in between are gone. */
  onConnection(): void;
  /**
   * Silence after which the host counts as gone. It beats every second, so 2.5 s is two missed
   * beats, and a page says so within 3 s of the host dying or hanging.
   */
  silenceMs?: number;
  /** Longest wait between two attempts to reconnect. */
  maxBackoffMs?: number;
  /** Silence after which a socket the host went quiet on is given up and a new one tried. */
  giveUpMs?: number;
}

/** Part of the silence kept back to let frames queued behind a busy main thread arrive. */
const graceMs = 250;
const lostBeforeAnswer = 'The connection to the Polder host was lost before it answered: once it is back, check whether this was done';
const notConnected = 'Not connected to the Polder host: nothing was sent. Try again once the connection is back';

/**
 * Serve mode's `window.polder`: the contract over one WebSocket to the host that served the page.
 * The host beats every second. Silence makes the link `closed` at once: new calls are refused
 * (never queued up to replay later) while the socket is held a while longer, in case the host only
 * stalled — a frame on it makes the link open again with nothing lost. A close, an error or a long
 * silence drop the socket: every unanswered call fails and the bridge reconnects with backoff.
 * Only calls made before the first connection wait for it.
 */
export function createWebSocketBridge(url: string, { onState, onConnection, silenceMs = 2500, maxBackoffMs = 2000, giveUpMs = 30_000 }: WebSocketBridgeOptions): PolderBridge {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const pending = new Map<number, Pending>();
  const beforeFirstOpen: string[] = [];
  let nextId = 1;
  let socket: WebSocket | null = null;
  let state: ConnectionState = 'connecting';
  let backoffMs = 250;
  let watchdog: ReturnType<typeof setTimeout> | undefined;

  const setState = (next: ConnectionState) => {
    if (next === state) return;
    state = next;
    onState(next);
  };

  const listen = () => {
    clearTimeout(watchdog);
    // A page whose main thread was busy for seconds (a map being drawn on a loaded machine) may
    // have the host's frames queued behind this timer: they get one short turn (and cancel the
    // second timer) before the host counts as gone.
    watchdog = setTimeout(() => (watchdog = setTimeout(silent, graceMs)), silenceMs - graceMs);
  };

  function silent() {
    if (socket?.readyState !== WebSocket.OPEN) return drop('no answer to connecting');
    console.warn(`polder: the host has been silent for ${silenceMs} ms`);
    setState('closed');
    watchdog = setTimeout(() => drop(`silent for ${giveUpMs} ms more`), giveUpMs);
  }

  function drop(reason: string) {
    const lost = socket;
    if (!lost) return;
    console.warn(`polder: connection to the host dropped (${reason})`);
    socket = null;
    clearTimeout(watchdog);
    lost.onopen = lost.onmessage = lost.onclose = lost.onerror = null;
    // A hung host may never finish the closing handshake: do not wait for it.
    lost.close();
    setState('closed');
    for (const call of pending.values()) call.reject(new BridgeError({ code: 'unavailable', message: lostBeforeAnswer }));
    pending.clear();
    beforeFirstOpen.length = 0;
    setTimeout(connect, backoffMs);
    backoffMs = Math.min(backoffMs * 2, maxBackoffMs);
  }

  function receive(frame: ServerFrame) {
    if (frame.t === 'beat') return;
    if (frame.t === 'push') {
      for (const listener of listeners.get(frame.event) ?? []) listener(frame.payload);
    } else if (frame.t === 'result') {
      const call = pending.get(frame.id);
      pending.delete(frame.id);
      if (frame.ok) call?.resolve(frame.value);
      else call?.reject(new BridgeError(frame.error));
    } else {
      console.error('polder host:', frame.error.message);
    }
  }

  function connect() {
    const next = new WebSocket(url);
    next.binaryType = 'arraybuffer';
    socket = next;
    listen();
    next.onopen = () => {
      backoffMs = 250;
      listen();
      onConnection();
      setState('open');
      for (const frame of beforeFirstOpen.splice(0)) next.send(frame);
    };
    next.onmessage = (event) => {
      listen();
      // The host only stalled: the same socket, nothing missed.
      setState('open');
      const frame = decodeServerFrame(event.data as string | ArrayBuffer);
      receive(frame);
      // Binary pushes are the latest-only ones (map frames): the host waits for this before the next.
      if (frame.t === 'push' && event.data instanceof ArrayBuffer) next.send(JSON.stringify({ t: 'ack', event: frame.event } satisfies ClientFrame));
    };
    next.onclose = (event) => drop(`closed, code ${event.code}`);
    next.onerror = () => drop('socket error');
  }
  connect();

  return {
    invoke<M extends Method>(method: M, args: Invoke[M][0]): Promise<Invoke[M][1]> {
      if (state === 'closed') return Promise.reject(new BridgeError({ code: 'unavailable', message: notConnected }));
      const id = nextId++;
      const frame = JSON.stringify({ t: 'call', id, method, args } satisfies ClientFrame);
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        if (state === 'open' && socket) socket.send(frame);
        else beforeFirstOpen.push(frame);
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
