import { chmodSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Logger } from '../logger.ts';
import { newLaunchToken } from './auth.ts';

/**
 * Serve mode's link to its pages, kept in the data directory so a restart on the same data keeps
 * the same URL: open pages reconnect by themselves instead of needing a new one. Owner-only (0600):
 * whoever reads it can use the app.
 */
export interface ServeLink {
  token: string;
  /** The port the last launch listened on, tried first when no --port is given. */
  port: number | null;
}

export const serveLinkFile = 'serve-link.json';

const stored = z.object({ token: z.string().min(32).max(256), port: z.number().int().min(1).max(65535).nullable() }).strict();

/** The stored link, or a new one (saved) when there is none or it cannot be trusted. */
export function loadServeLink(dataDir: string, logger: Logger): ServeLink {
  const file = join(dataDir, serveLinkFile);
  let info;
  try {
    info = statSync(file);
  } catch {
    return saveServeLink(dataDir, { token: newLaunchToken(), port: null });
  }
  if (process.platform !== 'win32' && (info.mode & 0o077) !== 0) {
    logger.warn(`${file} could be read by other users: it gets a new token (open pages need the new URL)`);
    return saveServeLink(dataDir, { token: newLaunchToken(), port: null });
  }
  try {
    return stored.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    logger.warn(`${file} is not a serve link Polder wrote: it gets a new token (open pages need the new URL)`);
    return saveServeLink(dataDir, { token: newLaunchToken(), port: null });
  }
}

/** Writes the link owner-only, replacing the old file in one rename so a crash leaves one or the other. */
export function saveServeLink(dataDir: string, link: ServeLink): ServeLink {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, serveLinkFile);
  const partial = `${file}.partial`;
  writeFileSync(partial, `${JSON.stringify(link)}\n`, { mode: 0o600 });
  // The mode above applies only when the file is created: a leftover partial keeps its own.
  chmodSync(partial, 0o600);
  renameSync(partial, file);
  return link;
}
