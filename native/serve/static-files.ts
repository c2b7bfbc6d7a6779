import { open, realpath } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.pbf': 'application/x-protobuf',
  '.pmtiles': 'application/octet-stream',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
};

function isInside(root: string, full: string): boolean {
  return full === root || full.startsWith(root.endsWith(sep) ? root : root + sep);
}

/** Resolves a URL path inside `root` by name only, or null when it would escape it. */
function resolveByName(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = normalize(decoded === '/' ? '/index.html' : decoded).replace(/^([/\\])+/, '');
  const full = join(root, relative);
  return isInside(root, full) ? full : null;
}

/**
 * The real file a URL path names inside `root` (the built renderer), or null when there is none
 * or it is — by name or through a symbolic link anywhere on its way — outside `root`.
 * Serve mode's static server and Electron's app:// protocol both serve through this one guard.
 */
export async function resolveServedFile(root: string, urlPath: string): Promise<string | null> {
  const named = resolveByName(root, urlPath);
  if (!named) return null;
  try {
    const [realRoot, real] = await Promise.all([realpath(root), realpath(named)]);
    return isInside(realRoot, real) ? real : null;
  } catch {
    return null;
  }
}

/**
 * Streams a file from `root`; 404 for anything missing or outside it, 500 when it cannot be read.
 * The file is opened before the answer starts, so one removed meanwhile (a rebuild) is a 404 and
 * one that fails mid-read ends only that response.
 */
export async function sendStaticFile(root: string, urlPath: string, res: ServerResponse, headers: Record<string, string>): Promise<void> {
  const notFound = () => {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...headers });
    res.end('Not found');
  };
  const file = await resolveServedFile(root, urlPath);
  const handle = file ? await open(file, 'r').catch(() => null) : null;
  if (!file || !handle) return notFound();
  let streaming = false;
  try {
    const info = await handle.stat();
    if (!info.isFile()) return notFound();
    res.writeHead(200, {
      'content-type': mimeTypes[extname(file)] ?? 'application/octet-stream',
      'content-length': String(info.size),
      'cache-control': file.endsWith('index.html') ? 'no-store' : 'private, max-age=3600',
      ...headers,
    });
    streaming = true;
    // pipeline closes the handle and, on a read error, destroys the response instead of throwing it at the process.
    await pipeline(handle.createReadStream(), res);
  } finally {
    if (!streaming) await handle.close();
  }
}
