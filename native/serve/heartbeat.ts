import type { WebSocket, WebSocketServer } from 'ws';
import { beatFrame } from './socket.ts';

/** Beats missed in a row (no pong) before a socket counts as dead and is dropped. */
const missedBeatsAllowed = 3;

/**
 * The host's pulse: every `everyMs` each page gets a beat frame (a page that hears nothing for a
 * while knows the host is gone or hung, even when no TCP error tells it) and a WebSocket ping;
 * a socket that answers no ping for three beats is dropped, so dead pages do not pile up.
 */
export function startHeartbeat(sockets: WebSocketServer, everyMs: number): () => void {
  const missed = new WeakMap<WebSocket, number>();
  const beat = beatFrame();
  const onConnection = (socket: WebSocket) => {
    missed.set(socket, 0);
    socket.on('pong', () => missed.set(socket, 0));
    if (socket.readyState === socket.OPEN) socket.send(beat);
  };
  sockets.on('connection', onConnection);
  const timer = setInterval(() => {
    for (const socket of sockets.clients) {
      const count = (missed.get(socket) ?? 0) + 1;
      if (count > missedBeatsAllowed) {
        socket.terminate();
        continue;
      }
      missed.set(socket, count);
      if (socket.readyState !== socket.OPEN) continue;
      socket.send(beat);
      socket.ping();
    }
  }, everyMs);
  return () => {
    clearInterval(timer);
    sockets.off('connection', onConnection);
  };
}
