// A simulation run's frames from the engine to the pixels: node scripts/bench-sim-frames.ts [--headed]
// Hosts the real app and serve mode in this process (so the services thread can be watched),
// opens it in the system Chromium, signs in and runs Merewether 2007 (a frame every 10 s of
// 1000 s) from the map's own button. Reports, per frame: the time from the engine's frame event
// reaching the services thread to the map having drawn it (the page's next animation frame after
// the overlay shows that moment), how many frames were drawn, the services thread's longest stall
// (event-loop delay) and the page's long tasks (PerformanceObserver "longtask", ≥ 50 ms) while the
// run goes. Needs `npm run build:renderer` first. Chromium runs SwiftShader (software WebGL), as in
// the e2e tests; the engine shares the two cores with everything else.
import { chromium } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createApp, nodeRuntime } from '../native/app.ts';
import { systemClock } from '../native/clock/clock.ts';
import { silentLogger } from '../native/logger.ts';
import { repoPaths } from '../native/paths.ts';
import { startServer } from '../native/serve/server.ts';
import { createSimulationHost } from '../simulation/host/create-host.ts';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { headed: { type: 'boolean', default: false } } });
const staticDir = join(root, 'out', 'renderer');
if (!existsSync(join(staticDir, 'index.html'))) {
  console.error('the renderer is not built: run `npm run build:renderer` first');
  process.exit(1);
}

const dataDir = mkdtempSync(join(tmpdir(), 'polder-bench-frames-'));
/** Wall-clock ms at which each frame (by simulated time) reached the services thread. */
const arrived = new Map<number, number>();
const app = await createApp({
  dataDir,
  resourcesDir: repoPaths.resources,
  clock: systemClock(),
  logger: silentLogger(),
  host: 'serve',
  runtime: nodeRuntime(),
  simulationHost: () => {
    const host = createSimulationHost({ resourcesDir: repoPaths.resources });
    host.on((event) => event.type === 'frame' && arrived.set(Math.round(event.time * 1000), Date.now()));
    return host;
  },
});
const server = await startServer({ app, staticDir, host: '127.0.0.1', port: 0, token: 'bench-token-0123456789', logger: silentLogger() });
let finished: () => void = () => {};
const done = new Promise<void>((resolve) => (finished = resolve));
app.pushes.listen((event) => event === 'sim.finished' && setTimeout(finished, 1500));

// Code run in the page (strings: this file is type-checked without the DOM library).
const observe = `window.longTasks = []; window.drawn = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.longTasks.push(e.duration); }).observe({ type: 'longtask', buffered: true });
  new MutationObserver(() => {
    const time = document.querySelector('[data-testid=map]')?.dataset.overlayTime;
    if (time) requestAnimationFrame(() => window.drawn.push({ time: Number(time), at: Date.now() }));
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-overlay-time'] });`;

const browser = await chromium.launch({
  executablePath: process.env.POLDER_CHROMIUM ?? '/usr/bin/chromium',
  headless: !values.headed,
  args: ['--no-sandbox', '--no-first-run', '--disable-background-networking', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.addInitScript(observe);
  await page.goto(server.url);
  await page.locator('.actor-button').first().click();
  await page.locator('[data-testid=map][data-hillshade=drawn]').waitFor({ timeout: 60_000 });
  await page.evaluate('window.longTasks = []');
  const stalls = monitorEventLoopDelay({ resolution: 1 });
  const elu0 = performance.eventLoopUtilization();
  stalls.enable();
  await page.getByRole('button', { name: 'Run simulation' }).click();
  await done;
  stalls.disable();
  const elu = performance.eventLoopUtilization(elu0);
  const drawn = (await page.evaluate('window.drawn')) as { time: number; at: number }[];
  const longTasks = (await page.evaluate('window.longTasks')) as number[];

  const latencies = drawn.map((d) => d.at - arrived.get(Math.round(d.time * 1000))!).filter((ms) => Number.isFinite(ms)).sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!;
  console.log(`Merewether 2007 in Chromium: ${arrived.size} frames from the engine, ${new Set(drawn.map((d) => d.time)).size} drawn (latest-only)`);
  console.log(`engine frame → pixels: median ${pct(50)} ms, p90 ${pct(90)} ms, max ${latencies.at(-1)} ms (wall clock, services thread to the page's next animation frame)`);
  console.log(`services thread during the run: longest stall ${(stalls.max / 1e6).toFixed(1)} ms (p99 ${(stalls.percentile(99) / 1e6).toFixed(1)} ms), busy ${(elu.utilization * 100).toFixed(1)}%`);
  const sorted = [...longTasks].sort((a, b) => b - a);
  console.log(`page long tasks during the run: ${longTasks.length}, longest ${sorted[0]?.toFixed(0) ?? '–'} ms, total ${longTasks.reduce((a, b) => a + b, 0).toFixed(0)} ms`);
} finally {
  await browser.close();
  await server.close();
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
}
