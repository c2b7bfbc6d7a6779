import type { WebSocket } from 'ws';
import { createSendGate, type SendGate } from './send-gate.ts';

export interface LatestOnlyGate {
  gate: SendGate<string | Buffer>;
  /** The page has handed the message on its way to its listeners: the next may go. */
  acked(): void;
}

/**
 * Map frames are latest-only per page: one on its way until the page acks it (or `ackWaitMs`
 * passes, for a page that never does), one waiting; a newer frame replaces the waiting one.
 */
export function latestOnlyGates(ackWaitMs: number): (client: WebSocket) => LatestOnlyGate {
  const gates = new WeakMap<WebSocket, LatestOnlyGate>();
  return (client) => {
    let entry = gates.get(client);
    if (!entry) {
      let release: (() => void) | null = null;
      const acked = () => {
        const done = release;
        release = null;
        done?.();
      };
      const gate = createSendGate<string | Buffer>((message, done) => {
        if (client.readyState !== client.OPEN) return done();
        const timer = setTimeout(acked, ackWaitMs);
        release = () => {
          clearTimeout(timer);
          done();
        };
        client.send(message);
      });
      entry = { gate, acked };
      gates.set(client, entry);
    }
    return entry;
  };
}
