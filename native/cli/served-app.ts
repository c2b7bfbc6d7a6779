import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { PolderApp } from '../app.ts';
import type { Logger } from '../logger.ts';
import { repoPaths } from '../paths.ts';
import { loadServeLink, saveServeLink } from '../serve/link-file.ts';
import { startServer, type ServeOptions } from '../serve/server.ts';
import type { CliIo } from './command.ts';
import { openInBrowser } from './open-browser.ts';

/** The renderer build to serve: POLDER_RENDERER_DIR names another (the security tests serve a folder of their own). */
export function builtRendererDir(env: NodeJS.ProcessEnv): string {
  const dir = env.POLDER_RENDERER_DIR ?? repoPaths.renderer;
  if (!existsSync(join(dir, 'index.html'))) throw new Error(`the renderer is not built (${dir} has no index.html): run \`npm run build:renderer\` first`);
  return dir;
}

export interface ServedAppOptions {
  dataDir: string;
  staticDir: string;
  host: string;
  askedPort: number | null;
  logger: Logger;
  io: CliIo;
  json: boolean;
  open: boolean;
  /** The line printed without --json, given the page's URL. */
  line(url: string): string;
  /** What --json prints beside { url, port }. */
  fields: Record<string, unknown>;
  /** Closed after the server and before the app (an exercise's clock link). */
  close?: () => Promise<void> | void;
}

/**
 * Serves `app` (serve, replay, exercise) with the data folder's token and, unless --port says
 * otherwise, the port it used last, so open pages reconnect by themselves after a restart; says
 * where, opens the browser when asked, and holds until the user stops the command.
 */
export async function serveUntilStopped(app: PolderApp, o: ServedAppOptions): Promise<number> {
  const { dataDir, logger, io } = o;
  const link = loadServeLink(dataDir, logger);
  const options: ServeOptions = { app, staticDir: o.staticDir, host: o.host, port: o.askedPort ?? link.port ?? 0, token: link.token, logger };
  const server = await startServer(options).catch((err: NodeJS.ErrnoException) => {
    if (o.askedPort !== null || options.port === 0 || err.code !== 'EADDRINUSE') throw err;
    logger.warn(`port ${options.port}, used last time, is taken: serving on another one (open pages need the new URL)`);
    return startServer({ ...options, port: 0 });
  });
  if (server.port !== link.port) saveServeLink(dataDir, { ...link, port: server.port });
  io.out(o.json ? JSON.stringify({ url: server.url, port: server.port, ...o.fields }) : o.line(server.url));
  if (!o.json) io.out('Press Ctrl+C to stop.');
  if (o.open) openInBrowser(server.url, logger);

  await io.stopRequested;
  await server.close();
  await o.close?.();
  await app.close();
  return 0;
}
