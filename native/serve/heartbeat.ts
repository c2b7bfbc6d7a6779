import type { WebSocket, WebSocketServer } from 'ws';
import type { Logger } from '../logger.ts';
import { beatFrame } from './socket.ts';

/**
 * How long a page may leave pings unanswered before its socket counts as dead and is dropped. A
 * live browser stops reading its socket while its page is busy (a map drawn on a loaded machine
 * can take seconds), so this is generous: it only clears away pages that are truly gone without
 * a TCP close (a laptop that slept, a network that vanished). The page itself gives up after 30 s.
 */
const deadAfterMs = 30_000;

/**
 * The host's pulse: every `everyMs` each page gets a beat frame (a page that hears nothing for a
 * while knows the host is gone or hung, even when no TCP error tells it) and a WebSocket ping;
 * a socket that answers no ping for 30 s is dropped, so dead pages do not pile up.
 */
export function startHeartbeat(sockets: WebSocketServer, everyMs: number, logger: Logger): () => void {
  const missedBeatsAllowed = Math.ceil(deadAfterMs / everyMs);
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
        logger.warn(`a page answered no ping for ${deadAfterMs / 1000} s: its socket is dropped`);
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
