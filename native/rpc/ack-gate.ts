import { createSendGate } from './send-gate.ts';

/** Pushes a window only needs the newest of: each host delivers them through an ack gate. */
export const latestOnlyPushes: ReadonlySet<string> = new Set(['sim.frame']);

/** How long a latest-only push waits for its ack before the next one goes anyway. */
export const frameAckWaitMs = 2000;

/**
 * Latest-only delivery to one window that waits for the window: one message on its way until the
 * window acks it (or `ackWaitMs` passes, for a window that never does), one waiting; a newer
 * message replaces the waiting one. `send` returns false when the message could not go (the
 * window is gone), and the next may go at once. Serve mode's WebSockets and the desktop's
 * MessagePorts both use it.
 */
export function createAckGate<T>(send: (message: T) => boolean, ackWaitMs: number) {
  let release: (() => void) | null = null;
  const acked = () => {
    const done = release;
    release = null;
    done?.();
  };
  const gate = createSendGate<T>((message, done) => {
    const timer = setTimeout(acked, ackWaitMs);
    release = () => {
      clearTimeout(timer);
      done();
    };
    if (!send(message)) acked();
  });
  return {
    offer: gate.offer,
    /** The window has handed the message on to its listeners: the next may go. */
    acked,
    /** Messages on their way or waiting (0–2). */
    get pending(): number {
      return gate.pending;
    },
  };
}

export type AckGate<T> = ReturnType<typeof createAckGate<T>>;
