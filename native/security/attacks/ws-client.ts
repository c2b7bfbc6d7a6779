// A WebSocket client for the attack tests: real frames to a real serve child, as a page that
// opened the printed URL (its cookie, page key and Origin) could send them.
import type { ServerFrame } from '../../api/wire.ts';
import { openAsBrowser, openPageSocket } from './page-client.ts';
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
  const socket = await openPageSocket(served, await openAsBrowser(served));
  const pushes: AttackClient['pushes'] = [];
  const waiting = new Map<number, (frame: Extract<ServerFrame, { t: 'result' }>) => void>();
  socket.on('message', (data, isBinary) => {
    // Binary messages are map frames: a header naming them is enough here.
    const text = isBinary ? (data as Buffer).subarray(4, 4 + (data as Buffer).readUInt32LE(0)).toString() : data.toString();
    const frame = JSON.parse(text) as ServerFrame;
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
