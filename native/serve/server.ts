import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { wirePath } from '../api/wire.ts';
import type { PolderApp } from '../app.ts';
import type { Logger } from '../logger.ts';
import { contentSecurityPolicy } from '../security/csp.ts';
import { allowedHostHeaders, checkRequest, isLoopback, tokenCookieName } from './auth.ts';
import { linkSession } from './session-link.ts';
import { pushFrame, serveSocket } from './socket.ts';
import { sendStaticFile } from './static-files.ts';

export interface ServeOptions {
  app: PolderApp;
  /** The built renderer (index.html and its assets). */
  staticDir: string;
  host: string;
  port: number;
  token: string;
  logger: Logger;
}

export interface ServeHandle {
  url: string;
  port: number;
  close(): Promise<void>;
}

const maxFrameBytes = 16 * 1024 * 1024;

/** Serve mode: the built renderer over HTTP and the same contract over a WebSocket, token-guarded. */
export async function startServer({ app, staticDir, host, port, token, logger }: ServeOptions): Promise<ServeHandle> {
  const sockets = new WebSocketServer({ noServer: true, maxPayload: maxFrameBytes });
  let allowedHosts: ReadonlySet<string> | null = null;
  let boundPort = port;

  const securityHeaders = () => ({
    'content-security-policy': contentSecurityPolicy([`ws://${host}:${boundPort}`, `ws://localhost:${boundPort}`]),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
  });

  const verdictFor = (req: IncomingMessage) => {
    const hosts = allowedHosts ?? new Set([req.headers.host ?? '']);
    return checkRequest(req, token, hosts, boundPort);
  };

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
      // Trade the token in the URL for a cookie, so it does not linger in history or get copied around.
      res.writeHead(303, {
        location: url.pathname,
        'set-cookie': `${tokenCookieName(boundPort)}=${token}; Path=/; HttpOnly; SameSite=Strict`,
        ...securityHeaders(),
      });
      res.end();
      return;
    }
    void sendStaticFile(staticDir, url.pathname, res, securityHeaders()).catch((err) => {
      logger.error(`serving ${url.pathname} failed`, err);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });

  server.on('upgrade', (req, socket, head) => {
    const verdict = verdictFor(req);
    const path = new URL(req.url ?? '/', 'http://serve.invalid').pathname;
    if (!verdict.ok || path !== wirePath) {
      const status = verdict.ok ? '404 Not Found' : verdict.status === 401 ? '401 Unauthorized' : '403 Forbidden';
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => linkSession(ws, serveSocket(ws, app.dispatch), app));
  });

  const stopPushes = app.pushes.listen((event, payload) => {
    if (sockets.clients.size === 0) return;
    const frame = pushFrame(event, payload);
    for (const client of sockets.clients) if (client.readyState === client.OPEN) client.send(frame);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  boundPort = (server.address() as AddressInfo).port;
  allowedHosts = isLoopback(host) ? allowedHostHeaders(host, boundPort) : null;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${boundPort}/?token=${token}`,
    port: boundPort,
    async close() {
      stopPushes();
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
