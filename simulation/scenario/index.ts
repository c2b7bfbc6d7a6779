// The scenario pack API: loading packs for the engine, summaries and map layers for the app, and
// the result writers (ESRI ASCII, GeoTIFF, probe CSV) with the hazard classification.
export { ScenarioError } from './errors.ts';
export { loadScenario } from './load.ts';
export { listScenarios, resolveScenarioDir, scenarioLayers, summarizeScenario, type LayerCollection, type LayerFeature, type ScenarioLayers } from './summary.ts';
export { cellAt, cellCentre, gridCoordinates } from './grid.ts';
export { lonLatToUtm } from './utm-forward.ts';
export { utmToLonLat, utmZoneOfEpsg } from './utm.ts';
export { mapZoneOfEpsg } from './map-zone.ts';
export { seriesValueAt } from './series.ts';
export { readRaster } from './raster.ts';
export { readAsciiGrid, writeAsciiGrid, type AsciiWriteOptions } from './ascii-grid.ts';
export { encodeGeoTiff, readGeoTiff, writeGeoTiff } from './geotiff-grid.ts';
export { formatProbesCsv, parseProbesCsv, PROBE_CSV_HEADER, probeCsvLine, readProbesCsv, writeProbesCsv } from './probes-csv.ts';
export { classifyHazard, HAZARD_LABELS, hazardClass, type HazardClass } from './hazard.ts';
export type * from './types.ts';
