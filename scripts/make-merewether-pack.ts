// Builds resources/scenarios/merewether-2007 from ../shared/data/merewether-2007 (the ARR Project 15
// benchmark as published with ANUGA). Run once when the source data changes:
//   node scripts/make-merewether-pack.ts [sourceDir] [targetDir]
import { chmodSync, copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const source = resolve(process.argv[2] ?? join(root, '..', 'shared', 'data', 'merewether-2007'));
const target = resolve(process.argv[3] ?? join(root, 'resources', 'scenarios', 'merewether-2007'));

type Ring = [number, number][];

function readPoints(file: string): Ring {
  return readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .filter((line) => /\d/.test(line))
    .map((line) => {
      const [x, y] = line.split(',').map(Number);
      if (!Number.isFinite(x) || !Number.isFinite(y)) throw new Error(`${file}: bad coordinate line "${line}"`);
      return [x!, y!];
    });
}

function closed(ring: Ring): Ring {
  const [first, last] = [ring[0]!, ring[ring.length - 1]!];
  return first[0] === last[0] && first[1] === last[1] ? ring : [...ring, first];
}

function polygonFeature(id: string, ring: Ring, properties: Record<string, unknown> = {}) {
  return { type: 'Feature', id, properties: { id, ...properties }, geometry: { type: 'Polygon', coordinates: [closed(ring)] } };
}

/** Pretty JSON with each innermost number array on one line, so coordinates stay readable. */
function compactJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/\[\s+(-?[\d.]+(?:,\s+-?[\d.]+)*)\s+\]/g, (_, inner: string) => `[${inner.split(/,\s+/).join(', ')}]`) + '\n';
}

function writeGeoJson(name: string, features: unknown[]) {
  const collection = { type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::32756' } }, features };
  writeFileSync(join(target, name), JSON.stringify(collection, null, 1) + '\n');
}

mkdirSync(target, { recursive: true });
for (const [from, to] of [
  ['topography1.asc', 'dem.asc'],
  ['topography1.prj', 'dem.prj'],
  ['topography1.lic', 'dem.lic'],
]) {
  copyFileSync(join(source, from!), join(target, to!));
  chmodSync(join(target, to!), 0o644);
}

// house030 is not part of the reference set-up; house032_033 is the union of 032 and 033, so the
// two separate footprints are left out to keep one polygon per building.
const skipped = new Set(['house030.csv', 'house032.csv', 'house033.csv']);
const houses = readdirSync(join(source, 'houses'))
  .filter((name) => name.endsWith('.csv') && !skipped.has(name))
  .sort()
  .map((name) => polygonFeature(name.replace(/\.csv$/, ''), readPoints(join(source, 'houses', name)), { kind: 'building' }));
writeGeoJson('buildings.geojson', houses);
writeGeoJson('roads.geojson', [polygonFeature('road', readPoints(join(source, 'Road', 'RoadPolygon.csv')), { kind: 'road' })]);
writeGeoJson('extent.geojson', [polygonFeature('domain', readPoints(join(source, 'extent.csv')), { kind: 'domain' })]);
writeGeoJson('refinement.geojson', [polygonFeature('core', readPoints(join(source, 'refinement-region.csv')), { kind: 'area-of-interest' })]);

const observationLines = readFileSync(join(source, 'Observations', 'ObservationPoints.csv'), 'utf8').split(/\r?\n/).slice(1).filter(Boolean);
const observations = observationLines.map((line) => {
  const [x, y, id, draft, final, tuflow] = line.split(',').map((v) => v.trim());
  return `obs-${id},${Number(x).toFixed(3)},${Number(y).toFixed(3)},${draft},${final},${tuflow}`;
});
writeFileSync(
  join(target, 'observations.csv'),
  ['id,x,y,observed_stage_draft_m,observed_stage_final_m,tuflow_stage_m', ...observations].join('\n') + '\n',
);
writeFileSync(join(target, 'inflow-creek.csv'), 'time_s,discharge_m3s\n0,19.7\n1000,19.7\n');

// Illustrative assets and virtual gauges for the sensor and UI work. They are made up: the
// places are plausible spots in the domain (off building footprints), not real facilities.
function pointFeature(id: string, [x, y]: [number, number], properties: Record<string, unknown>) {
  return { type: 'Feature', id, properties: { id, ...properties }, geometry: { type: 'Point', coordinates: [x, y] } };
}
const illustrative = { illustrative: true, note: 'Illustrative only: not a real facility.' };
writeGeoJson('assets.geojson', [
  pointFeature('asset-school', [382470, 6354455], { kind: 'school', name: 'Creekside Primary School (illustrative)', ...illustrative }),
  pointFeature('asset-aged-care', [382345, 6354378], { kind: 'aged-care', name: 'Hillview Aged Care (illustrative)', ...illustrative }),
  pointFeature('asset-substation', [382555, 6354600], { kind: 'substation', name: 'Zone substation 11 kV (illustrative)', ...illustrative }),
  pointFeature('asset-underpass', [382535, 6354545], { kind: 'underpass', name: 'Road underpass (illustrative)', ...illustrative }),
  pointFeature('asset-ses-depot', [382300, 6354600], { kind: 'emergency-service', name: 'SES unit depot (illustrative)', ...illustrative }),
]);
const depthThresholds = { warning: 0.15, danger: 0.3 };
writeFileSync(
  join(target, 'gauges.json'),
  compactJson(
    {
      gauges: [
        { id: 'g-inlet', name: 'Creek inlet road (virtual)', kind: 'water-level', x: 382306, y: 6354298, thresholds: depthThresholds },
        { id: 'g-midroad', name: 'Mid-catchment road (virtual)', kind: 'water-level', x: 382430, y: 6354472, thresholds: depthThresholds },
        { id: 'g-outlet', name: 'Lower road near outlet (virtual)', kind: 'water-level', x: 382555, y: 6354537, thresholds: depthThresholds },
        // Rain thresholds in mm/h.
        { id: 'g-rain', name: 'Rain gauge (virtual)', kind: 'rain', x: 382400, y: 6354600, thresholds: { warning: 20, danger: 50 } },
      ],
    },
  ),
);

const scenario = {
  format: 1,
  name: 'merewether-2007',
  title: 'Merewether, Newcastle NSW — 8 June 2007 (Pasha Bulker storm)',
  attribution:
    'Terrain and flood marks: Water Research Laboratory (WRL, UNSW), Australian Rainfall and Runoff Project 15 buildings benchmark, as published in the ANUGA validation suite (GeoscienceAustralia/anuga_core, Apache-2.0).',
  crs: 'EPSG:32756',
  dem: 'dem.asc',
  extent: 'extent.geojson',
  areaOfInterest: 'refinement.geojson',
  durationSeconds: 1000,
  manning: { default: 0.04, zones: [{ file: 'roads.geojson', n: 0.02 }] },
  buildings: { file: 'buildings.geojson', mode: 'raised', heightMeters: 3.0 },
  inflows: [{ id: 'creek', kind: 'line', line: [[382275, 6354270], [382255, 6354290]], hydrograph: 'inflow-creek.csv' }],
  rainfall: null,
  boundaries: { north: 'open', east: 'open', south: 'closed', west: 'closed' },
  observations: { file: 'observations.csv', observedColumn: 'observed_stage_final_m' },
  assets: 'assets.geojson',
  gauges: 'gauges.json',
  engine: {
    scheme: 'inertial',
    why:
      'Local-inertial with the engine defaults (vector friction): of the engine\'s schemes its peak stages at the five ARR flood marks are the closest (mean abs error 0.103 m; face-by-face friction 0.109 m; first-order HLL 0.138 m) and it runs several times faster. Its peaks include short surges as the front arrives; at the end of the run, near steady state, its error is 0.120 m. simulation/host/merewether.test.ts prints both per point.',
  },
};
writeFileSync(join(target, 'scenario.json'), compactJson(scenario));
