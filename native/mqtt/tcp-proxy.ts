import { createServer, connect, type AddressInfo, type Socket } from 'node:net';

/**
 * pass: bytes flow; delay: each chunk is held `delayMs` first; blackhole: connections stay open
 * but nothing gets through either way, as on a dead route: bytes wait (as TCP would retransmit
 * them) and flow again when the mode changes, unless an endpoint gave up first; reset: every
 * connection, open or new, is reset.
 */
export type ProxyMode = { kind: 'pass' } | { kind: 'delay'; delayMs: number } | { kind: 'blackhole' } | { kind: 'reset' };

export interface TcpProxy {
  url: string;
  port: number;
  readonly mode: ProxyMode;
  setMode(mode: ProxyMode): void;
  /** Connections currently open through the proxy. */
  readonly openConnections: number;
  close(): Promise<void>;
}

/** A TCP proxy on the loopback interface between clients and a broker, for partition tests. */
export async function startProxy(target: { host?: string; port: number }): Promise<TcpProxy> {
  const state = { mode: { kind: 'pass' } as ProxyMode, pairs: new Set<[Socket, Socket]>(), held: [] as (() => void)[] };

  const forward = (from: Socket, to: Socket) => {
    from.on('data', (chunk: Buffer) => {
      const mode = state.mode;
      if (mode.kind === 'reset') return;
      if (mode.kind === 'blackhole') {
        from.pause();
        state.held.push(() => {
          if (!to.destroyed) to.write(chunk);
          if (!from.destroyed) from.resume();
        });
        return;
      }
      if (mode.kind === 'delay') {
        from.pause();
        setTimeout(() => {
          if (!to.destroyed) to.write(chunk);
          if (!from.destroyed) from.resume();
        }, mode.delayMs);
        return;
      }
      to.write(chunk);
    });
  };

  const server = createServer((client) => {
    if (state.mode.kind === 'reset') return void client.resetAndDestroy();
    const upstream = connect(target.port, target.host ?? '127.0.0.1');
    const pair: [Socket, Socket] = [client, upstream];
    state.pairs.add(pair);
    const end = () => {
      state.pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    forward(client, upstream);
    forward(upstream, client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `mqtt://127.0.0.1:${port}`,
    port,
    get mode() {
      return state.mode;
    },
    get openConnections() {
      return state.pairs.size;
    },
    setMode(mode: ProxyMode) {
      state.mode = mode;
      if (mode.kind === 'reset') state.held.length = 0;
      else if (mode.kind !== 'blackhole') state.held.splice(0).forEach((release) => release());
      if (mode.kind === 'reset') {
        for (const [client, upstream] of state.pairs) {
          client.resetAndDestroy();
          upstream.destroy();
        }
        state.pairs.clear();
      }
    },
    async close() {
      for (const [client, upstream] of state.pairs) {
        client.destroy();
        upstream.destroy();
      }
      state.pairs.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
