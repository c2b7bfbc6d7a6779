import { randomUUID } from 'node:crypto';
import { createAckGate, frameAckWaitMs, latestOnlyPushes } from './ack-gate.ts';
import type { Session } from './handlers.ts';
import type { ClientFrame, ServerFrame } from '../api/wire.ts';
import type { PolderApp } from '../app.ts';

/**
 * One end of a message channel to one window: Electron's MessagePortMain in the services process,
 * node:worker_threads' MessagePort in tests. `listen` starts the delivery of messages.
 */
export interface RpcPort {
  listen(onMessage: (data: unknown) => void, onClose: () => void): void;
  post(frame: ServerFrame): void;
  close(): void;
}

type PortApp = Pick<PolderApp, 'dispatch' | 'pushes' | 'mayReceive' | 'sessionPushes' | 'endSession'>;

function asClientFrame(value: unknown): ClientFrame | null {
  if (typeof value !== 'object' || value === null) return null;
  const frame = value as Record<string, unknown>;
  if (frame.t === 'ack' && typeof frame.event === 'string') return { t: 'ack', event: frame.event };
  if (frame.t !== 'call' || typeof frame.id !== 'number' || typeof frame.method !== 'string') return null;
  return { t: 'call', id: frame.id, method: frame.method, args: frame.args };
}

/**
 * The services process's side of the desktop app: every window is one port and one session.
 * Calls on a port are dispatched as its session; pushes for everyone and pushes for its session
 * go out on it, map frames latest-only (one on its way until the window acks it, as in serve
 * mode); when the port closes (the window closed or reloaded) its session ends.
 */
export function createPortHost(app: PortApp, { ackWaitMs = frameAckWaitMs }: { ackWaitMs?: number } = {}) {
  const windows = new Map<string, { port: RpcPort; sessionId: string; end(): void }>();

  const disconnect = (windowId: string) => {
    const window = windows.get(windowId);
    if (!window) return;
    windows.delete(windowId);
    window.end();
  };

  return {
    /** A window's new port; a port the same window had before (it reloaded) is closed first. */
    connect(windowId: string, port: RpcPort): Session {
      disconnect(windowId);
      const session: Session = { id: randomUUID(), actorId: null };
      let open = true;
      const post = (frame: ServerFrame) => {
        if (open) port.post(frame);
      };
      const frames = createAckGate<ServerFrame>((frame) => {
        post(frame);
        return open;
      }, ackWaitMs);
      const stopPushes = app.pushes.listen((event, payload) => {
        if (!app.mayReceive(session, event)) return;
        if (latestOnlyPushes.has(event)) frames.offer({ t: 'push', event, payload, ack: true });
        else post({ t: 'push', event, payload });
      });
      const stopSessionPushes = app.sessionPushes.listen(session.id, (event, payload) => post({ t: 'push', event, payload }));
      const end = () => {
        if (!open) return;
        open = false;
        stopPushes();
        stopSessionPushes();
        // Lets a frame waiting for an ack go nowhere now, rather than when its wait runs out.
        frames.acked();
        port.close();
        void app.endSession(session.id);
      };
      windows.set(windowId, { port, sessionId: session.id, end });
      port.listen(
        async (data) => {
          const frame = asClientFrame(data);
          if (!frame) {
            post({ t: 'error', error: { code: 'invalid_args', message: 'Malformed message: expected {t:"call", id:number, method:string, args} or {t:"ack", event:string}' } });
            return;
          }
          if (frame.t === 'ack') {
            frames.acked();
            return;
          }
          const result = await app.dispatch(frame.method, frame.args, { session });
          post({ t: 'result', id: frame.id, ...result });
        },
        () => {
          if (windows.get(windowId)?.port === port) disconnect(windowId);
          else end();
        },
      );
      return session;
    },
    /** The window is gone: its session ends even if its port has not said so yet. */
    disconnect,
    /** The window a session belongs to, or null when it has none (any more). */
    windowOf(sessionId: string): string | null {
      for (const [windowId, window] of windows) if (window.sessionId === sessionId) return windowId;
      return null;
    },
    /** The session a window's port is served as, or null when it has none. */
    sessionOf: (windowId: string): string | null => windows.get(windowId)?.sessionId ?? null,
    /** How many windows are connected. */
    size: () => windows.size,
    close(): void {
      for (const windowId of [...windows.keys()]) disconnect(windowId);
    },
  };
}

export type PortHost = ReturnType<typeof createPortHost>;
