// An app in replay mode over a small synthetic recording (an hour of the Merewether gauges), for
// the contract and replay tests: the recording imported into a temp folder, a virtual clock.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, nodeRuntime, type AppOptions, type PolderApp } from '../app.ts';
import { systemClock } from '../clock/clock.ts';
import { virtualClock } from '../clock/virtual-clock.ts';
import { silentLogger } from '../logger.ts';
import { repoPaths } from '../paths.ts';
import type { Recording } from '../record/format.ts';
import { importRecording } from '../record/import.ts';
import { testSeeds } from '../sensors/test-sensors.ts';
import { makeSyntheticRecording } from './synthetic-recording.ts';

export const replayStart = Date.UTC(2007, 5, 8, 6, 0, 0);

/** An hour: the four gauges every 30 s, something done every minute. */
export async function smallRecording(dir: string): Promise<Recording> {
  return makeSyntheticRecording({ dataDir: dir, start: replayStart, hours: 1, seeds: testSeeds, readingEverySeconds: 30, actionEverySeconds: 60 });
}

/** `recording`: one made before (each call otherwise makes its own, which takes a second or two). */
export async function testReplayApp(more: Partial<AppOptions> = {}, made?: Recording): Promise<{ app: PolderApp; recording: Recording; dataDir: string; close(): Promise<void> }> {
  const root = mkdtempSync(join(tmpdir(), 'polder-replay-app-'));
  const recording = made ?? (await smallRecording(join(root, 'source')));
  const dataDir = join(root, 'replay');
  importRecording(recording, dataDir, 'test', silentLogger());
  const clock = virtualClock({ source: systemClock(), start: recording.window.from, mode: 'replay' });
  try {
    const app = await createApp({ dataDir, resourcesDir: repoPaths.resources, clock, logger: silentLogger(), host: 'serve', runtime: nodeRuntime(), replay: { recording, clock }, ...more });
    return {
      app,
      recording,
      dataDir,
      async close() {
        await app.close();
        rmSync(root, { recursive: true, force: true });
      },
    };
  } catch (err) {
    rmSync(root, { recursive: true, force: true });
    throw err;
  }
}
