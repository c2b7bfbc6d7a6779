import { z } from 'zod';
import type { MethodSpecs, PushSpecs } from './spec.ts';

/** What a sensor measures. Its unit, physical range and rate limit follow from it (native/sensors/kinds.ts). */
export const SensorKind = z.enum(['water-level', 'rain-intensity', 'flow', 'soil-moisture']);
export type SensorKind = z.infer<typeof SensorKind>;

/** Quality flags an accepted reading may carry: it is kept and shown, flagged, never hidden. */
export const QualityFlag = z.enum(['flat-line', 'spike', 'disagrees']);
export type QualityFlag = z.infer<typeof QualityFlag>;

const Id = z.string().min(1).max(200);
const Level = z.number().finite();

/** One registered sensor: a SensorThings Thing with one Datastream (the sensor's id). */
export const Sensor = z.object({
  /** The Datastream id: observations arrive on `v1.1/Datastreams('<id>')/Observations`. */
  id: z.string(),
  /** The Thing the datastream belongs to (the station). */
  thing: z.string(),
  name: z.string(),
  kind: SensorKind,
  /** SensorThings ObservedProperty name. */
  observedProperty: z.string(),
  /** SensorThings unitOfMeasurement. */
  unit: z.object({ name: z.string(), symbol: z.string() }),
  location: z.object({ lon: z.number(), lat: z.number() }),
  /** Warning and danger levels in the sensor's unit, or null for a sensor without alerts. */
  thresholds: z.object({ warning: Level, danger: Level }).nullable(),
  /** A rise faster than this (unit per hour) raises a "rising fast" alert; null: no rate rule. */
  risingPerHour: z.number().positive().nullable(),
  /** No reading for this long (s) after the sensor has reported: it is silent and raises an alert. */
  silenceAfterSeconds: z.number().int().positive(),
  /** Where the entry came from: the scenario pack, or an edit in the app. */
  source: z.enum(['scenario', 'edited']),
  updatedAt: z.number(),
});
export type Sensor = z.infer<typeof Sensor>;

export const Reading = z.object({
  sensorId: z.string(),
  /** phenomenonTime (ms since the epoch; the end of an interval). */
  time: z.number(),
  value: z.number(),
  flags: z.array(QualityFlag),
  /** Labelled as reconstructed (a replay or a feed derived from a model run), not measured. */
  reconstructed: z.boolean(),
  receivedAt: z.number(),
});
export type Reading = z.infer<typeof Reading>;

/** Every payload received is accepted or quarantined: received = accepted + quarantined. */
export const IngestCounts = z.object({ received: z.number(), accepted: z.number(), quarantined: z.number() });
export type IngestCounts = z.infer<typeof IngestCounts>;

export const SensorHealth = z.object({
  sensorId: z.string(),
  /** When the last payload for it arrived (accepted or not), by the app clock. */
  lastSeen: z.number().nullable(),
  latest: Reading.nullable(),
  /** Accepted readings per minute over the last ten minutes. */
  ratePerMinute: z.number(),
  counts: IngestCounts,
  /** Flagged readings among the last hundred, per flag. */
  flags: z.record(QualityFlag, z.number()),
  /** It reported, then stopped for longer than its silenceAfterSeconds. */
  silent: z.boolean(),
});
export type SensorHealth = z.infer<typeof SensorHealth>;

export const QuarantinedReading = z.object({
  id: z.number(),
  receivedAt: z.number(),
  topic: z.string(),
  /** The datastream the payload named or came on, when one could be told. */
  sensorId: z.string().nullable(),
  reason: z.string(),
  /** The raw payload as UTF-8 text (invalid bytes replaced), cut to 2000 characters for display. */
  payload: z.string(),
  bytes: z.number(),
});
export type QuarantinedReading = z.infer<typeof QuarantinedReading>;

export const SeriesPoint = z.object({ time: z.number(), value: z.number(), min: z.number(), max: z.number(), count: z.number(), flagged: z.number() });
export type SeriesPoint = z.infer<typeof SeriesPoint>;

export const Retention = z.object({
  /** Raw readings older than this are deleted (their per-minute and per-hour summaries stay). */
  rawDays: z.number().int().min(1).max(3650),
  /** Per-minute and per-hour summaries older than this are deleted. */
  summaryDays: z.number().int().min(1).max(36500),
});
export type Retention = z.infer<typeof Retention>;

export const sensorMethods = {
  'sensors.list': { access: 'signedIn', args: z.object({}).strict(), result: z.array(Sensor) },
  'sensors.update': {
    access: { may: 'sensor.manage' },
    args: z
      .object({
        sensorId: Id,
        name: z.string().trim().min(1).max(200).optional(),
        thresholds: z
          .object({ warning: Level, danger: Level })
          .refine((t) => t.warning < t.danger, 'The warning level must be below the danger level')
          .nullable()
          .optional(),
        risingPerHour: z.number().positive().max(1e6).nullable().optional(),
        silenceAfterSeconds: z.number().int().min(1).max(7 * 86400).optional(),
        location: z.object({ lon: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) }).strict().optional(),
      })
      .strict(),
    result: Sensor,
  },
  /** The latest accepted reading of every sensor that has one. */
  'sensors.latest': { access: 'signedIn', args: z.object({}).strict(), result: z.array(Reading) },
  /**
   * One sensor's readings over [from, to] (ms): raw when they fit in maxPoints, else per-minute or
   * per-hour summaries (mean, min, max), with how many readings of each point were flagged.
   */
  'sensors.series': {
    access: 'signedIn',
    args: z.object({ sensorId: Id, from: z.number(), to: z.number(), maxPoints: z.number().int().min(10).max(10_000).default(1000) }).strict(),
    result: z.object({ sensorId: z.string(), resolution: z.enum(['raw', 'minute', 'hour']), points: z.array(SeriesPoint) }),
  },
  'sensors.health': {
    access: 'signedIn',
    args: z.object({}).strict(),
    result: z.object({ counts: IngestCounts, sensors: z.array(SensorHealth), retention: Retention }),
  },
  /** Rejected payloads, newest first, with their reasons. */
  'sensors.quarantine': {
    access: 'signedIn',
    args: z.object({ sensorId: Id.optional(), beforeId: z.number().int().optional(), limit: z.number().int().min(1).max(1000).default(100) }).strict(),
    result: z.array(QuarantinedReading),
  },
  'sensors.setRetention': { access: { may: 'sensor.manage' }, args: Retention.strict(), result: Retention },
} satisfies MethodSpecs;

export const sensorPushes = {
  /** New accepted readings (the latest of each sensor in one stored batch) and the running counts. */
  'sensors.readings': z.object({ readings: z.array(Reading), counts: IngestCounts }),
  /** Sensors whose registry entry or health (silent, reporting again) changed. */
  'sensors.changed': z.object({ ids: z.array(z.string()) }),
} satisfies PushSpecs;
