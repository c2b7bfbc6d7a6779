import type { WebSocket } from 'ws';
import { createAckGate, type AckGate } from '../rpc/ack-gate.ts';

/** Map frames are latest-only per page: each page's WebSocket has its own ack gate. */
export function latestOnlyGates(ackWaitMs: number): (client: WebSocket) => AckGate<string | Buffer> {
  const gates = new WeakMap<WebSocket, AckGate<string | Buffer>>();
  return (client) => {
    const known = gates.get(client);
    if (known) return known;
    const gate = createAckGate<string | Buffer>((message) => {
      if (client.readyState !== client.OPEN) return false;
      client.send(message);
      return true;
    }, ackWaitMs);
    gates.set(client, gate);
    return gate;
  };
}
