import type { WebSocket } from 'ws';
import type { Session } from '../rpc/handlers.ts';
import type { PolderApp } from '../app.ts';
import { pushFrame } from './socket.ts';

/** Gives one socket the pushes meant for its session alone, and ends the session when the socket closes. */
export function linkSession(socket: WebSocket, session: Session, app: Pick<PolderApp, 'sessionPushes' | 'endSession'>): void {
  const stop = app.sessionPushes.listen(session.id, (event, payload) => {
    if (socket.readyState === socket.OPEN) socket.send(pushFrame(event, payload));
  });
  socket.once('close', () => {
    stop();
    void app.endSession(session.id);
  });
}
