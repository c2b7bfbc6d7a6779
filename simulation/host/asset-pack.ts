// Test packs (simulation/scenario/test-pack.ts) with assets. writeAssetPack: three point assets: one beside the inflow, one
// downstream along the southern rows the water runs down, one on the dry northern edge.
import { baseScenario, rect, writeTestPack, type PackOptions } from '../scenario/test-pack.ts';

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

const assetFeature = (id: string, kind: string, name: string, geometry: unknown) => ({ type: 'Feature', id, properties: { id, kind, name, illustrative: true }, geometry });

/** A test pack with a point, a line and an area asset (the line and the area along the southern
 * rows the water runs down), plus any `extra` features. */
export function writeShapedAssetPack(extra: { id: string; kind: string; name: string; geometry: unknown }[] = []): string {
  const assets = {
    type: 'FeatureCollection',
    features: [
      assetFeature('school', 'school', 'School by the inflow', { type: 'Point', coordinates: [300005, 6000003] }),
      assetFeature('lane', 'underpass', 'Creek lane underpass', { type: 'LineString', coordinates: [[300006, 6000001], [300012, 6000001], [300018, 6000001]] }),
      assetFeature('home', 'aged-care', 'Aged care grounds', { type: 'Polygon', coordinates: [rect(300012, 6000000, 300018, 6000004)] }),
      ...extra.map((f) => assetFeature(f.id, f.kind, f.name, f.geometry)),
    ],
  };
  return writeTestPack({ scenario: { ...baseScenario(), assets: 'assets.geojson' }, files: { 'assets.geojson': JSON.stringify(assets) } });
}
