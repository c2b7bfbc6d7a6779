/**
 * Latest-only delivery to one client: a message is sent at once when none of its kind is on its
 * way, else it waits in the one waiting slot, replacing (dropping) any message already waiting.
 * A slow client therefore gets fewer frames, never a queue of stale ones, and always the last.
 * `send` calls `done` once the transport has taken the message (ws: written to the socket).
 * Transport-neutral: serve mode's WebSockets and the desktop's MessagePorts use it (see ack-gate.ts).
 */
export function createSendGate<T>(send: (message: T, done: () => void) => void) {
  let inFlight = false;
  let waiting: { message: T } | null = null;
  const start = (message: T) => {
    inFlight = true;
    send(message, () => {
      inFlight = false;
      const next = waiting;
      waiting = null;
      if (next) start(next.message);
    });
  };
  return {
    offer(message: T): void {
      if (inFlight) waiting = { message };
      else start(message);
    },
    /** Messages on their way or waiting (0–2). */
    get pending(): number {
      return (inFlight ? 1 : 0) + (waiting ? 1 : 0);
    },
  };
}

export type SendGate<T> = ReturnType<typeof createSendGate<T>>;
