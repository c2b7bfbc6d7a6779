import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { Aedes, type AuthenticateError } from 'aedes';
import { accountChecker, type BrokerAccount } from './broker-accounts.ts';

export interface EmbeddedBroker {
  url: string;
  port: number;
  host: string;
  close(): Promise<void>;
}

/**
 * An aedes broker on a TCP port: what a crisis-room node hosts for its local network when the
 * city broker is unreachable (`polder broker`), and the second broker of the test harness.
 * aedes speaks MQTT 3.1.1; the connection module falls back to it by itself. With `accounts`,
 * a client must give one of their username and password (CONNACK "not authorized" otherwise).
 */
export async function startEmbeddedBroker(options: { port?: number; host?: string; accounts?: readonly BrokerAccount[] } = {}): Promise<EmbeddedBroker> {
  const host = options.host ?? '127.0.0.1';
  const accepts = options.accounts?.length ? accountChecker(options.accounts) : null;
  const broker = await Aedes.createBroker(
    accepts
      ? {
          authenticate: (_client, username, password, done) => {
            if (accepts(username, password)) return done(null, true);
            done(Object.assign(new Error('wrong or missing username and password'), { returnCode: 4 }) as AuthenticateError, null);
          },
        }
      : {},
  );
  const server: Server = createServer((socket) => broker.handle(socket));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return {
    url: `mqtt://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    host,
    async close() {
      sockets.forEach((s) => s.destroy());
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await new Promise<void>((resolve) => broker.close(() => resolve()));
    },
  };
}
