import { renameSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CliIo } from './command.ts';

/**
 * A command's document: printed when no `--out` is given, else written whole to that file (by a
 * rename, so a reader never sees half of it). Returns the file written, or null when printed.
 */
export function writeOutput(io: CliIo, out: string | undefined, text: string): string | null {
  if (out === undefined) {
    io.out(text.trimEnd());
    return null;
  }
  const file = resolve(out);
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
  return file;
}
