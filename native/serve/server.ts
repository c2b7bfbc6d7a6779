import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { pageKeyFragment, wirePath } from '../api/wire.ts';
import type { PolderApp } from '../app.ts';
import type { Logger } from '../logger.ts';
import { frameAckWaitMs, latestOnlyPushes } from '../rpc/ack-gate.ts';
import type { Session } from '../rpc/handlers.ts';
import { contentSecurityPolicy } from '../security/csp.ts';
import { allowedHostHeaders, checkRequest, checkSocket, credentialsFor, isLoopback, tokenCookieName } from './auth.ts';
import { startHeartbeat } from './heartbeat.ts';
import { latestOnlyGates } from './latest-only.ts';
import { maxMessageBytes, pushFrame, serveSocket } from './socket.ts';
import { linkSession } from './session-link.ts';
import { sendStaticFile } from './static-files.ts';

export interface ServeOptions {
  app: PolderApp;
  /** The built renderer (index.html and its assets). */
  staticDir: string;
  host: string;
  port: number;
  token: string;
  logger: Logger;
  /** How often each page hears the host's pulse; 1 s unless a test says otherwise. */
  heartbeatMs?: number;
}

export interface ServeHandle {
  url: string;
  port: number;
  close(): Promise<void>;
}


/** Serve mode: the built renderer over HTTP and the same contract over a WebSocket, token-guarded. */
export async function startServer({ app, staticDir, host, port, token, logger, heartbeatMs = 1000 }: ServeOptions): Promise<ServeHandle> {
  const sockets = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes });
  const credentials = credentialsFor(token);
  const sessions = new Map<WebSocket, Session>();
  let allowedHosts: ReadonlySet<string> | null = null;
  let boundPort = port;

  const securityHeaders = () => ({
    'content-security-policy': contentSecurityPolicy([`ws://${host}:${boundPort}`, `ws://localhost:${boundPort}`]),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
  });

  const hostsFor = (req: IncomingMessage) => allowedHosts ?? new Set([req.headers.host ?? '']);
  const verdictFor = (req: IncomingMessage) => checkRequest(req, credentials, hostsFor(req), boundPort);

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const verdict = verdictFor(req);
    if (!verdict.ok) {
      res.writeHead(verdict.status, { 'content-type': 'text/plain; charset=utf-8', ...securityHeaders() });
      res.end(`${verdict.status === 401 ? 'Unauthorized' : 'Forbidden'}: ${verdict.reason}\n`);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' });
      res.end();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://serve.invalid');
    if (verdict.viaQuery) {
      // Trade the token in the URL for a cookie (the files) and a page key in the fragment (the
      // WebSocket), so the token does not linger in history or get copied around.
      res.writeHead(303, {
        location: `${url.pathname}#${pageKeyFragment}=${credentials.pageKey}`,
        'set-cookie': `${tokenCookieName(boundPort)}=${credentials.cookie}; Path=/; HttpOnly; SameSite=Strict`,
        ...securityHeaders(),
      });
      res.end();
      return;
    }
    void sendStaticFile(staticDir, url.pathname, res, securityHeaders()).catch((err: Error) => {
      // One request fails (a file unreadable or gone mid-read, a page that went away); the host lives on.
      logger.warn(`serving ${url.pathname} failed: ${err.message}`);
      if (res.headersSent) res.destroy();
      else res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('Could not read the file');
    });
  });

  server.on('upgrade', (req, socket, head) => {
    const verdict = checkSocket(req, credentials, hostsFor(req), boundPort);
    const path = new URL(req.url ?? '/', 'http://serve.invalid').pathname;
    if (!verdict.ok || path !== wirePath) {
      const status = verdict.ok ? '404 Not Found' : verdict.status === 401 ? '401 Unauthorized' : '403 Forbidden';
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => {
      const session = serveSocket(ws, app.dispatch, logger, (event) => latestOnlyPushes.has(event) && frameGate(ws).acked());
      sessions.set(ws, session);
      linkSession(ws, session, app);
      ws.on('close', () => sessions.delete(ws));
      sockets.emit('connection', ws, req);
    });
  });

  const frameGate = latestOnlyGates(frameAckWaitMs);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  boundPort = (server.address() as AddressInfo).port;
  const stopHeartbeat = startHeartbeat(sockets, heartbeatMs, logger);
  const stopPushes = app.pushes.listen((event, payload) => {
    if (sockets.clients.size === 0) return;
    const frame = pushFrame(event, payload);
    for (const client of sockets.clients) {
      const session = sessions.get(client);
      if (client.readyState !== client.OPEN || !session || !app.mayReceive(session, event)) continue;
      if (latestOnlyPushes.has(event)) frameGate(client).offer(frame);
      else client.send(frame);
    }
  });
  allowedHosts = isLoopback(host) ? allowedHostHeaders(host, boundPort) : null;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${boundPort}/?token=${token}`,
    port: boundPort,
    async close() {
      stopPushes();
      stopHeartbeat();
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
