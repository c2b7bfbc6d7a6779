import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** A run's outputs cannot be written where they were asked for: known before the run starts. */
export class OutputError extends Error {
  override name = 'OutputError';
}

/**
 * Creates the results folder one level at a time (Node's recursive mkdir loops for ever where a
 * parent answers ENOENT for a child it will never have, as /proc does) and checks it is writable,
 * so a run never starts that cannot keep its results.
 */
export function prepareOutputDir(dir: string): void {
  const target = resolve(dir);
  const missing: string[] = [];
  let at = target;
  while (!existsSync(at)) {
    missing.unshift(at);
    const parent = dirname(at);
    if (parent === at) break;
    at = parent;
  }
  if (existsSync(at) && !statSync(at).isDirectory()) throw new OutputError(`cannot write results to ${target}: ${at} is not a folder`);
  for (const folder of missing) {
    try {
      mkdirSync(folder);
    } catch (err) {
      throw new OutputError(`cannot write results to ${target}: cannot create the folder ${folder} (${(err as NodeJS.ErrnoException).code ?? String(err)})`, { cause: err });
    }
  }
  try {
    accessSync(target, constants.W_OK);
  } catch (err) {
    throw new OutputError(`cannot write results to ${target}: the folder is not writable`, { cause: err });
  }
}
