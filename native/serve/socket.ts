import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import type { Dispatch } from '../rpc/dispatch.ts';
import type { Session } from '../rpc/handlers.ts';
import type { ClientFrame, ServerFrame } from '../api/wire.ts';
import { encodeServerFrame } from './binary-frame.ts';
import type { Logger } from '../logger.ts';

/**
 * The largest message a page may send. The biggest call the contract takes (a long note or a
 * drawn polygon) is a few kilobytes; 4 MiB leaves room for growth and keeps one page from making
 * the host buffer much more. ws closes a socket that sends more with 1009.
 */
export const maxMessageBytes = 4 * 1024 * 1024;

function parseFrame(data: string): ClientFrame | null {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const frame = value as Record<string, unknown>;
  if (frame.t === 'ack' && typeof frame.event === 'string') return { t: 'ack', event: frame.event };
  if (frame.t !== 'call' || typeof frame.id !== 'number' || typeof frame.method !== 'string') return null;
  return { t: 'call', id: frame.id, method: frame.method, args: frame.args };
}

/** Serves one renderer over one WebSocket: each call is dispatched with this socket's session;
 * acks of latest-only pushes go to `onAck`. */
export function serveSocket(socket: WebSocket, dispatch: Dispatch, logger: Logger, onAck: (event: string) => void = () => {}): Session {
  const session: Session = { id: randomUUID(), actorId: null };
  const send = (frame: ServerFrame) => {
    if (socket.readyState === socket.OPEN) socket.send(encodeServerFrame(frame));
  };
  // A frame that breaks the protocol (too big, bad UTF-8, bad opcode, …): ws has already closed
  // this socket with the matching code; without this listener the error would end the process.
  socket.on('error', (err) => logger.warn(`a page's WebSocket broke the protocol and was closed: ${err.message}`));
  socket.on('message', async (data, isBinary) => {
    const frame = isBinary ? null : parseFrame(data.toString());
    if (!frame) {
      send({ t: 'error', error: { code: 'invalid_args', message: 'Malformed frame: expected {"t":"call","id":number,"method":string,"args":…}' } });
      return;
    }
    if (frame.t === 'ack') {
      onAck(frame.event);
      return;
    }
    const result = await dispatch(frame.method, frame.args, { session });
    send({ t: 'result', id: frame.id, ...result });
  });
  return session;
}

export function pushFrame(event: string, payload: unknown): string | Buffer {
  return encodeServerFrame({ t: 'push', event, payload });
}

export function beatFrame(): string {
  return JSON.stringify({ t: 'beat' } satisfies ServerFrame);
}
