// Builds resources/scenarios/merewether-2007 from ../shared/data/merewether-2007 (the ARR Project 15
// benchmark as published with ANUGA). Run once when the source data changes:
//   node scripts/make-merewether-pack.ts [sourceDir]
import { chmodSync, copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const source = resolve(process.argv[2] ?? join(root, '..', 'shared', 'data', 'merewether-2007'));
const target = join(root, 'resources', 'scenarios', 'merewether-2007');

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
