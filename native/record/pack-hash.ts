import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path);
    return entry.isFile() ? [path] : [];
  });
}

/**
 * The content hash of a scenario pack folder: SHA-256 over, for every file in byte order of its
 * '/'-separated relative path, `<path>\0<sha256 of its bytes>\n`. Names and contents count;
 * timestamps, permissions and the folder's own location do not.
 */
export function packHash(dir: string): string {
  const lines = filesUnder(dir)
    .map((file) => relative(dir, file).split(sep).join('/'))
    .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
    .map((path) => `${path}\0${createHash('sha256').update(readFileSync(join(dir, path))).digest('hex')}\n`);
  return createHash('sha256').update(lines.join('')).digest('hex');
}
