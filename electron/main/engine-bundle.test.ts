// The desktop build's engine: the bundled entries the utility process and its threads load.
// Electron cannot run here, so the bundled process entry runs as a Node child process (the
// same file; only its parent transport differs) and the bundled thread entry as a worker.
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostEvent, HostRequest } from '../../simulation/host/protocol.ts';

const root = resolve(import.meta.dirname, '../..');
const resourcesDir = join(root, 'resources');
let outDir = '';

beforeAll(() => {
  // inside the repository, so the bundle finds package.json ("type": "module") and node_modules
  mkdirSync(join(root, 'out'), { recursive: true });
  outDir = mkdtempSync(join(root, 'out', 'bundle-test-'));
  execFileSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build', '--outDir', outDir, '--logLevel', 'error'], { cwd: root, stdio: 'pipe' });
}, 120_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

/** Sends the start request and collects events until the run finishes or fails. */
function runToEnd(send: (r: HostRequest) => void, onEvent: (listener: (e: HostEvent) => void) => void): Promise<HostEvent[]> {
  return new Promise((done, fail) => {
    const events: HostEvent[] = [];
    const timer = setTimeout(() => fail(new Error(`no end; got ${events.map((e) => e.type).join(', ')}`)), 60_000);
    onEvent((event) => {
      events.push(event);
      if (event.type === 'finished' || event.type === 'error') {
        clearTimeout(timer);
        done(events);
      }
    });
    send({ type: 'start', scenario: 'merewether-2007', durationSeconds: 30, threads: 2, frameIntervalSeconds: 10 });
  });
}

function expectCompletedRun(events: HostEvent[]): void {
  const started = events.find((e) => e.type === 'started');
  expect(started).toMatchObject({ scenario: 'merewether-2007', threads: 2 });
  expect(events.filter((e) => e.type === 'frame').map((e) => Math.round(e.time))).toEqual([10, 20, 30]);
  const finished = events.at(-1)!;
  if (finished.type !== 'finished') throw new Error(`the run ended with ${JSON.stringify(finished)}`);
  expect(finished.summary.simulatedSeconds).toBeCloseTo(30, 6);
  expect(finished.summary.steps).toBeGreaterThan(10);
  expect(Math.abs(finished.summary.massErrorPercent)).toBeLessThan(0.1);
}

describe('the desktop bundle of the engine', () => {
  it('runs a two-thread Merewether run from the bundled process entry', async () => {
    const child: ChildProcess = fork(join(outDir, 'main', 'engine-process.js'), [], {
      env: { ...process.env, POLDER_RESOURCES_DIR: resourcesDir },
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    try {
      const events = await runToEnd(
        (request) => child.send(request),
        (listener) => child.on('message', (m) => listener(m as HostEvent)),
      );
      expectCompletedRun(events);
    } finally {
      child.kill();
    }
  });

  it('runs the same from the bundled thread entry', async () => {
    const worker = new Worker(join(outDir, 'main', 'engine-thread.js'), { workerData: { resourcesDir } });
    try {
      const events = await runToEnd(
        (request) => worker.postMessage(request),
        (listener) => worker.on('message', listener),
      );
      expectCompletedRun(events);
    } finally {
      await worker.terminate();
    }
  });
});
