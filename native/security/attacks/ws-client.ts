// A WebSocket client for the attack tests: real frames to a real serve child, as any program on
// this machine holding the launch token could send them.
import { WebSocket } from 'ws';
import type { ServerFrame } from '../../api/wire.ts';
import type { ServeChild } from './serve-child.ts';

export interface AttackClient {
  /** Sends one call frame and resolves with its result frame (ok or error), within 30 s. */
  call(method: string, args: unknown): Promise<Extract<ServerFrame, { t: 'result' }>>;
  /** Every push this socket has received so far. */
  pushes: { event: string; payload: unknown }[];
  /** Sends raw text, not a call frame. */
  send(text: string): void;
  onClose(listener: () => void): void;
  close(): void;
}

export async function connect(served: ServeChild): Promise<AttackClient> {
  const socket = new WebSocket(`ws://127.0.0.1:${served.port}/api`, { headers: { cookie: `polder_token_${served.port}=${served.token}` } });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const pushes: AttackClient['pushes'] = [];
  const waiting = new Map<number, (frame: Extract<ServerFrame, { t: 'result' }>) => void>();
  socket.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as ServerFrame;
    if (frame.t === 'push') pushes.push({ event: frame.event, payload: frame.payload });
    if (frame.t === 'result') waiting.get(frame.id)?.(frame);
  });
  let nextId = 0;
  return {
    pushes,
    call(method, args) {
      const id = ++nextId;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${method}: no answer within 30 s`)), 30_000);
        waiting.set(id, (frame) => {
          clearTimeout(timer);
          waiting.delete(id);
          resolve(frame);
        });
        socket.send(JSON.stringify({ t: 'call', id, method, args }));
      });
    },
    send: (text) => socket.send(text),
    onClose: (listener) => socket.once('close', listener),
    close: () => socket.close(),
  };
}

/** The error code of a result frame, or 'ok'. */
export function outcome(frame: Extract<ServerFrame, { t: 'result' }>): string {
  return frame.ok ? 'ok' : frame.error.code;
}
