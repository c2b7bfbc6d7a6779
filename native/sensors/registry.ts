import type { Database } from 'better-sqlite3';
import { PolderError } from '../api/errors.ts';
import type { ParsedArgs } from '../api/index.ts';
import type { Sensor, SensorKind } from '../api/sensors.ts';
import { kindRules } from './kinds.ts';

/** A sensor as a scenario pack describes it (its gauges layer, in lon/lat). */
export interface SensorSeed {
  id: string;
  name: string;
  kind: SensorKind;
  lon: number;
  lat: number;
  thresholds: { warning: number; danger: number } | null;
}

/** Default rising-rate rule per kind (unit per hour): a water level rising 0.6 m an hour is a flash flood. */
const defaultRising: Partial<Record<SensorKind, number>> = { 'water-level': 0.6 };
const defaultSilenceSeconds = 300;

/** The scenario pack's gauges as sensor seeds: `rain` gauges measure rain intensity. Features missing a kind or place are skipped. */
export function seedsFromGaugeLayer(features: readonly { properties: Record<string, unknown> | null; geometry: { type: string; coordinates: unknown } }[]): SensorSeed[] {
  const seeds: SensorSeed[] = [];
  for (const f of features) {
    const p = f.properties ?? {};
    const kind = p.kind === 'rain' ? 'rain-intensity' : p.kind;
    const coordinates = f.geometry.coordinates;
    if (typeof p.id !== 'string' || f.geometry.type !== 'Point' || !Array.isArray(coordinates)) continue;
    if (kind !== 'water-level' && kind !== 'rain-intensity' && kind !== 'flow' && kind !== 'soil-moisture') continue;
    const warning = Number(p.warning);
    const danger = Number(p.danger);
    seeds.push({
      id: p.id,
      name: typeof p.name === 'string' ? p.name : p.id,
      kind,
      lon: Number(coordinates[0]),
      lat: Number(coordinates[1]),
      thresholds: Number.isFinite(warning) && Number.isFinite(danger) && warning < danger ? { warning, danger } : null,
    });
  }
  return seeds;
}

interface Row {
  id: string;
  thing: string;
  name: string;
  kind: SensorKind;
  lon: number;
  lat: number;
  warning: number | null;
  danger: number | null;
  rising_per_hour: number | null;
  silence_after_s: number;
  source: 'scenario' | 'edited';
  updated_at: number;
}

function toSensor(r: Row): Sensor {
  const rules = kindRules[r.kind];
  return {
    id: r.id,
    thing: r.thing,
    name: r.name,
    kind: r.kind,
    observedProperty: rules.observedProperty,
    unit: rules.unit,
    location: { lon: r.lon, lat: r.lat },
    thresholds: r.warning !== null && r.danger !== null ? { warning: r.warning, danger: r.danger } : null,
    risingPerHour: r.rising_per_hour,
    silenceAfterSeconds: r.silence_after_s,
    source: r.source,
    updatedAt: r.updated_at,
  };
}

export type SensorPatch = Omit<ParsedArgs<'sensors.update'>, 'sensorId'>;

/** The sensor registry in the store: seeded from the scenario pack, edited in the app. */
export function createRegistry(db: Database) {
  const s = {
    all: db.prepare<[], Row>('SELECT * FROM sensors ORDER BY id'),
    one: db.prepare<[string], Row>('SELECT * FROM sensors WHERE id = ?'),
    seed: db.prepare(`INSERT INTO sensors VALUES (@id, @thing, @name, @kind, @lon, @lat, @warning, @danger, @rising, @silence, 'scenario', @now)
      ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, lon = excluded.lon, lat = excluded.lat, warning = excluded.warning, danger = excluded.danger, updated_at = excluded.updated_at
      WHERE sensors.source = 'scenario'`),
    update: db.prepare(`UPDATE sensors SET name = @name, lon = @lon, lat = @lat, warning = @warning, danger = @danger, rising_per_hour = @rising, silence_after_s = @silence, source = 'edited', updated_at = @now WHERE id = @id`),
  };
  return {
    /** Adds the pack's sensors; entries edited in the app keep their edits. */
    seed(seeds: readonly SensorSeed[], now: number): void {
      db.transaction(() => {
        for (const seed of seeds) {
          s.seed.run({ id: seed.id, thing: seed.name, name: seed.name, kind: seed.kind, lon: seed.lon, lat: seed.lat, warning: seed.thresholds?.warning ?? null, danger: seed.thresholds?.danger ?? null, rising: defaultRising[seed.kind] ?? null, silence: defaultSilenceSeconds, now });
        }
      })();
    },
    list: (): Sensor[] => s.all.all().map(toSensor),
    get(id: string): Sensor | null {
      const r = s.one.get(id);
      return r ? toSensor(r) : null;
    },
    update(id: string, patch: SensorPatch, now: number): Sensor {
      const r = s.one.get(id);
      if (!r) throw new PolderError('not_found', `No sensor with datastream id "${id}"`);
      const thresholds = patch.thresholds === undefined ? (r.warning !== null && r.danger !== null ? { warning: r.warning, danger: r.danger } : null) : patch.thresholds;
      s.update.run({
        id,
        name: patch.name ?? r.name,
        lon: patch.location?.lon ?? r.lon,
        lat: patch.location?.lat ?? r.lat,
        warning: thresholds?.warning ?? null,
        danger: thresholds?.danger ?? null,
        rising: patch.risingPerHour === undefined ? r.rising_per_hour : patch.risingPerHour,
        silence: patch.silenceAfterSeconds ?? r.silence_after_s,
        now,
      });
      return toSensor(s.one.get(id)!);
    },
  };
}

export type Registry = ReturnType<typeof createRegistry>;
