// A real app for the rpc tests: a temp data folder, the small test scenario pack, a manual clock,
// a terminal running /bin/sh, and sessions to call it as.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Invoke, Method } from '../api/index.ts';
import { createApp, nodeRuntime, type AppOptions, type PolderApp } from '../app.ts';
import { manualClock } from '../clock/clock.ts';
import { silentLogger } from '../logger.ts';
import { repoPaths } from '../paths.ts';
import { terminalConfig } from '../terminal/config.ts';
import { baseScenario, writeTestPack } from '../../simulation/scenario/test-pack.ts';
import type { Session } from './handlers.ts';

/** The test pack's one gauge: a water-level sensor (datastream "g-test") with warning and danger levels. */
export const testGauge = { id: 'g-test', name: 'Test gauge', kind: 'water-level', x: 300005, y: 6000005, thresholds: { warning: 0.15, danger: 0.3 } };

/** `more` adds or replaces options: a scenario pack folder (default: the small test pack without assets), a desktop shell, … */
export async function testApp(tickMs = 60_000, more: Partial<AppOptions> = {}): Promise<{ app: PolderApp; session(actorId: string | null): Session; close(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'polder-rpc-'));
  const app = await createApp({
    dataDir,
    resourcesDir: repoPaths.resources,
    scenario: writeTestPack({ scenario: { ...baseScenario(), gauges: 'gauges.json' }, files: { 'gauges.json': JSON.stringify({ gauges: [testGauge] }) } }),
    clock: manualClock(Date.UTC(2007, 5, 8, 12), 'exercise'),
    logger: silentLogger(),
    host: 'serve',
    runtime: nodeRuntime(),
    tickMs,
    terminal: { ...terminalConfig({ env: { PATH: process.env.PATH, SHELL: '/bin/sh' }, dataDir, cli: { node: process.execPath, script: repoPaths.cli, runAsNode: false } }), cwd: dataDir },
    ...more,
  });
  let n = 0;
  return {
    app,
    session: (actorId) => ({ id: `test-${++n}`, actorId }),
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Dispatches a call and returns its value, or throws its `{ code, message }`. */
export async function call<M extends Method>(app: PolderApp, session: Session, method: M, args: Invoke[M][0]): Promise<Invoke[M][1]> {
  const result = await app.dispatch(method, args, { session });
  if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
  return result.value as Invoke[M][1];
}
