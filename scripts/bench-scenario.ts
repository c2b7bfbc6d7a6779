// Scenario pack loading and result writing speed: node scripts/bench-scenario.ts [packDir]
// Prints the first (cold: includes JIT warm-up, what a user waits for) and the median of later runs.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseAsciiGrid } from '../simulation/scenario/ascii-grid.ts';
import { encodeGeoTiff, loadScenario, scenarioLayers, summarizeScenario, writeAsciiGrid } from '../simulation/scenario/index.ts';

const dir = resolve(process.argv[2] ?? join(import.meta.dirname, '..', 'resources', 'scenarios', 'merewether-2007'));
let runs = 10;

async function measure(label: string, work: () => unknown): Promise<void> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  const [first, ...rest] = times;
  rest.sort((a, b) => a - b);
  const median = rest[Math.floor(rest.length / 2)]!;
  console.log(`${label.padEnd(44)} first ${first!.toFixed(1).padStart(7)} ms   median ${median.toFixed(1).padStart(7)} ms`);
}

// What a user waits for: a fresh process importing the loader and loading the pack once.
const freshScript = `
  const t0 = performance.now();
  const { loadScenario } = await import(${JSON.stringify(pathToFileURL(join(import.meta.dirname, '..', 'simulation', 'scenario', 'load.ts')).href)});
  const t1 = performance.now();
  await loadScenario(${JSON.stringify(dir)});
  console.log(JSON.stringify([t1 - t0, performance.now() - t1]));`;
const fresh = [0, 1, 2].map(() => JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', freshScript], { encoding: 'utf8' })) as [number, number]);
fresh.sort((a, b) => a[1] - b[1]);
const [importMs, loadMs] = fresh[1]!;
console.log(`fresh process (median of 3): import loader ${importMs.toFixed(0)} ms, first loadScenario ${loadMs.toFixed(0)} ms`);

const scenario = await loadScenario(dir);
const demFile = join(dir, JSON.parse(readFileSync(join(dir, 'scenario.json'), 'utf8')).dem as string);
console.log(`${scenario.name}: ${scenario.grid.nx} × ${scenario.grid.ny} = ${scenario.cells} cells, ${scenario.buildings.footprints} buildings (${runs} runs each)`);
await measure('parse DEM (ESRI ASCII, bytes in memory)', () => parseAsciiGrid(readFileSync(demFile), demFile));
await measure('loadScenario (read + parse + rasterise)', () => loadScenario(dir));
await measure('summarizeScenario', () => summarizeScenario(dir));
await measure('scenarioLayers (lon/lat GeoJSON)', () => scenarioLayers(dir));

const out = mkdtempSync(join(tmpdir(), 'polder-bench-'));
await measure('writeAsciiGrid (scenario grid)', () => writeAsciiGrid(join(out, 'g.asc'), scenario.grid, scenario.ground, { crs: scenario.crs.epsg }));
await measure('encodeGeoTiff (scenario grid)', () => encodeGeoTiff(scenario.grid, scenario.ground, scenario.crs.epsg));
const city = { nx: 2000, ny: 2000, cellSize: 1, xll: 380000, yll: 6350000 };
const depth = Float32Array.from({ length: city.nx * city.ny }, (_, i) => (i % 7) * 0.137);
await measure('encodeGeoTiff (2000 × 2000)', () => encodeGeoTiff(city, depth, 'EPSG:32756'));
await measure('writeAsciiGrid (2000 × 2000)', () => writeAsciiGrid(join(out, 'city.asc'), city, depth, { decimals: 3 }));

// How loading grows with size: a synthetic 2000 × 2000 city (1 m cells, 2 000 buildings).
const cityPack = join(out, 'city');
mkdirSync(cityPack);
writeAsciiGrid(join(cityPack, 'dem.asc'), city, Float32Array.from({ length: city.nx * city.ny }, (_, i) => 40 - (i % city.nx) * 0.01 - Math.floor(i / city.nx) * 0.005), { decimals: 3, crs: 'EPSG:32756' });
const footprints = Array.from({ length: 2000 }, (_, k) => {
  const x = city.xll + 20 + (k % 45) * 43;
  const y = city.yll + 20 + Math.floor(k / 45) * 43;
  return { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[x, y], [x + 15, y], [x + 15, y + 12], [x, y + 12], [x, y]]] } };
});
writeFileSync(join(cityPack, 'buildings.geojson'), JSON.stringify({ type: 'FeatureCollection', features: footprints }));
writeFileSync(join(cityPack, 'q.csv'), 'time_s,discharge_m3s\n0,50\n');
writeFileSync(
  join(cityPack, 'scenario.json'),
  JSON.stringify({
    format: 1,
    name: 'synthetic-city',
    title: 'Synthetic city',
    attribution: '',
    dem: 'dem.asc',
    manning: { default: 0.035 },
    buildings: { file: 'buildings.geojson', mode: 'raised', heightMeters: 5 },
    inflows: [{ id: 'q', kind: 'line', line: [[city.xll + 1, city.yll + 1000], [city.xll + 1, city.yll + 1100]], hydrograph: 'q.csv' }],
    boundaries: { north: 'open', east: 'open', south: 'open', west: 'closed' },
  }),
);
runs = 4;
await measure('loadScenario (synthetic 2000 × 2000, 2000 bldg)', () => loadScenario(cityPack));
rmSync(out, { recursive: true, force: true });
