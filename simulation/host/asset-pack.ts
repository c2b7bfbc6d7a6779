// A test pack (simulation/scenario/test-pack.ts) with three assets: one beside the inflow, one
// downstream along the southern rows the water runs down, one on the dry northern edge.
import { baseScenario, writeTestPack, type PackOptions } from '../scenario/test-pack.ts';

export const TEST_ASSETS = [
  { id: 'a-inflow', kind: 'school', name: 'School by the inflow', x: 300005, y: 6000003 },
  { id: 'a-downstream', kind: 'aged-care', name: 'Aged care downstream', x: 300015, y: 6000001 },
  { id: 'a-north', kind: 'substation', name: 'Substation on the hill', x: 300001, y: 6000015 },
] as const;

/** `extra` adds scenario fields and files (a gauge, …) to the pack. */
export function writeAssetPack(extra: PackOptions = {}): string {
  const assets = {
    type: 'FeatureCollection',
    crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::32756' } },
    features: TEST_ASSETS.map(({ id, kind, name, x, y }) => ({ type: 'Feature', id, properties: { id, kind, name, illustrative: true }, geometry: { type: 'Point', coordinates: [x, y] } })),
  };
  return writeTestPack({ scenario: { ...baseScenario(), assets: 'assets.geojson', ...extra.scenario }, files: { 'assets.geojson': JSON.stringify(assets), ...extra.files } });
}
