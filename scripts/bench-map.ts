// The map under load: node scripts/bench-map.ts [--features N] [--headed]
// Starts `polder serve` (needs `npm run build:renderer` first), opens it in the system Chromium,
// signs in, loads N GeoJSON features (half points, half small building-sized squares) through the
// map's own "Load layer…" file input, then pans by mouse drags and reports the longest main-thread
// task (PerformanceObserver "longtask", ≥ 50 ms) and the frame intervals while panning, against a
// baseline pan of the scenario layers alone.
// Chromium runs with SwiftShader (software WebGL), as in the e2e tests: figures on a GPU are lower.
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { features: { type: 'string', default: '100000' }, headed: { type: 'boolean', default: false } } });
const featureCount = Number(values.features);
if (!Number.isInteger(featureCount) || featureCount < 1) throw new Error(`--features must be a positive integer (got ${values.features})`);
if (!existsSync(join(root, 'out', 'renderer', 'index.html'))) {
  console.error('the renderer is not built: run `npm run build:renderer` first');
  process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), 'polder-bench-map-'));
const server = spawn(process.execPath, [join(root, 'bin', 'polder.js'), 'serve', '--port', '0', '--json', '--data-dir', join(work, 'data')], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] });
const { url } = JSON.parse(await new Promise<string>((ok, fail) => {
  server.once('exit', (code) => fail(new Error(`polder serve exited with ${code}`)));
  createInterface({ input: server.stdout! }).once('line', ok);
})) as { url: string };

// Code run in the page (strings: this file is type-checked without the DOM library).
const inPage = {
  observeLongTasks: `window.longTasks = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.longTasks.push(e.duration); }).observe({ type: 'longtask', buffered: true });`,
  clearLongTasks: `window.longTasks = []`,
  longTasks: `window.longTasks.slice()`,
  startFrames: `window.frameTimes = []; window.stopFrames = false;
    (function tick(t) { if (t) window.frameTimes.push(t); if (!window.stopFrames) requestAnimationFrame(tick); })()`,
  stopFrames: `window.stopFrames = true; window.frameTimes`,
};

/** Deterministic features around the scenario: a small LCG, not Math.random, so runs compare. */
function features(n: number, [west, south, east, north]: [number, number, number, number]): string {
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const out: unknown[] = [];
  const dLon = east - west;
  const dLat = north - south;
  const half = 0.00002; // ~2 m
  for (let i = 0; i < n; i++) {
    const lon = west - dLon + 3 * dLon * next();
    const lat = south - dLat + 3 * dLat * next();
    const geometry =
      i % 2 === 0
        ? { type: 'Point', coordinates: [lon, lat] }
        : { type: 'Polygon', coordinates: [[[lon - half, lat - half], [lon + half, lat - half], [lon + half, lat + half], [lon - half, lat + half], [lon - half, lat - half]]] };
    out.push({ type: 'Feature', properties: { i }, geometry });
  }
  return JSON.stringify({ type: 'FeatureCollection', features: out });
}

const browser = await chromium.launch({
  executablePath: process.env.POLDER_CHROMIUM ?? '/usr/bin/chromium',
  headless: !values.headed,
  args: ['--no-sandbox', '--no-first-run', '--disable-background-networking', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.addInitScript(inPage.observeLongTasks);
  const foreign: string[] = [];
  const origin = new URL(url).origin;
  page.on('request', (r) => !r.url().startsWith(origin) && !/^(data|blob):/.test(r.url()) && foreign.push(r.url()));

  await page.goto(url);
  await page.locator('.actor-button').first().click();
  const map = page.getByTestId('map');
  await map.waitFor();
  await page.locator('[data-testid=map][data-hillshade=drawn]').waitFor({ timeout: 30_000 });
  const clear = () => page.evaluate(inPage.clearLongTasks);
  const longest = () => page.evaluate(inPage.longTasks) as Promise<number[]>;
  const box = (await map.boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const pan = async (label: string, drags: number) => {
    await clear();
    await page.evaluate(inPage.startFrames);
    const started = performance.now();
    for (let d = 0; d < drags; d++) {
      const angle = (d / drags) * 2 * Math.PI;
      const dx = Math.cos(angle) * Math.min(box.width, box.height) * 0.35;
      const dy = Math.sin(angle) * Math.min(box.width, box.height) * 0.35;
      await page.mouse.move(cx, cy);
      await page.mouse.down();
      await page.mouse.move(cx + dx, cy + dy, { steps: 25 });
      await page.mouse.up();
    }
    await page.waitForTimeout(500);
    const ms = performance.now() - started;
    const frames = (await page.evaluate(inPage.stopFrames)) as number[];
    const gaps = frames.slice(1).map((t, i) => t - frames[i]!).sort((a, b) => a - b);
    const tasks = await longest();
    const p = (q: number) => gaps[Math.min(gaps.length - 1, Math.floor(q * gaps.length))] ?? NaN;
    console.log(
      `${label.padEnd(30)} ${drags} drags in ${(ms / 1000).toFixed(1)} s: longest task ${tasks.length ? Math.max(...tasks).toFixed(0) : '< 50'} ms, ` +
        `${tasks.length} long tasks (${tasks.reduce((a, b) => a + b, 0).toFixed(0)} ms), frame interval median ${p(0.5).toFixed(1)} ms, p95 ${p(0.95).toFixed(1)} ms, max ${p(1).toFixed(0)} ms`,
    );
  };

  await pan('pan, scenario layers only', 6);

  // Merewether's extent; features spread over 3× that in each direction.
  const file = join(work, 'features.geojson');
  const generatedAt = performance.now();
  writeFileSync(file, features(featureCount, [151.7488, -32.9462, 151.7522, -32.9424]));
  const generateMs = performance.now() - generatedAt;

  await clear();
  const loadStart = performance.now();
  await page.getByTestId('layer-file').setInputFiles(file);
  await page.locator('[data-testid=map][data-user-layer=loaded]').waitFor({ timeout: 120_000 });
  // Until the worker has tiled the data and frames settle: 1 s without a long task.
  let quietSince = performance.now();
  let seen = 0;
  while (performance.now() - quietSince < 1000) {
    await page.waitForTimeout(100);
    const count = (await longest()).length;
    if (count !== seen) {
      seen = count;
      quietSince = performance.now();
    }
  }
  const loadMs = performance.now() - loadStart - 1000;
  const loadTasks = await longest();

  console.log(`features: ${featureCount.toLocaleString('en')} (${featureCount / 2} points, ${featureCount / 2} polygons), file ${(statSync(file).size / 1e6).toFixed(1)} MB, generated in ${generateMs.toFixed(0)} ms`);
  console.log(`load through "Load layer…" until frames settle: ${loadMs.toFixed(0)} ms; longest task ${loadTasks.length ? Math.max(...loadTasks).toFixed(0) : '< 50'} ms (${loadTasks.length} long tasks)`);
  await pan('pan, whole area in view', 6);
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await page.waitForTimeout(1500);
  await pan('pan, zoomed in 2 levels', 6);
  console.log(`requests leaving the machine: ${foreign.length}`);
} finally {
  await browser.close();
  server.kill('SIGTERM');
  await new Promise((done) => server.once('exit', done));
  rmSync(work, { recursive: true, force: true });
}
