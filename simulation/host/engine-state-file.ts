// A saved engine state on disk: the snapshot in V8's structured serialisation (typed arrays
// kept as they are), behind a short tag, so a hot start can come from another process.
import { readFileSync, writeFileSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import type { EngineSnapshot } from '../engine/snapshot.ts';

const TAG = Buffer.from('POLDER-ENGINE-STATE-1\n');

export function writeEngineState(file: string, snapshot: EngineSnapshot): void {
  writeFileSync(file, Buffer.concat([TAG, serialize(snapshot)]));
}

export function readEngineState(file: string): EngineSnapshot {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new Error(`${file}: cannot read the saved engine state (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { cause: error });
  }
  if (!bytes.subarray(0, TAG.length).equals(TAG)) throw new Error(`${file}: not a saved engine state (polder sim --save-state writes them)`);
  try {
    return deserialize(bytes.subarray(TAG.length)) as EngineSnapshot;
  } catch (error) {
    throw new Error(`${file}: the saved engine state is damaged (${(error as Error).message})`, { cause: error });
  }
}
