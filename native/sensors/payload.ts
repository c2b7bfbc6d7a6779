// Reading MQTT payloads: SensorThings 1.1 Observations on `v1.1/Datastreams(<id>)/Observations`,
// and the compact gateway form on `polder/v1/observations` (README: "Live sensors").

/** A payload that parsed as an observation; whether the sensor may take it is validate.ts's call. */
export interface Candidate {
  sensorId: string;
  time: number;
  resultTime: number | null;
  value: number;
  /** The unit the payload states, if any (checked against the sensor's). */
  unit: string | null;
  reconstructed: boolean;
  raw: Buffer;
}

export interface Rejected {
  sensorId: string | null;
  reason: string;
  raw: Buffer;
}

export type Parsed = { ok: true; candidate: Candidate } | { ok: false; rejected: Rejected };

export const observationsTopicFilter = 'v1.1/+/Observations';
export const compactTopic = 'polder/v1/observations';
/** The most readings one compact message may carry. */
export const compactMaxReadings = 1000;

const datastreamTopic = /^v1\.1\/Datastreams\((?:'((?:[^']|'')+)'|(\d+))\)\/Observations$/;

/** The SensorThings topic of a datastream (string ids quoted, as in the standard's URLs). */
export function observationsTopic(sensorId: string): string {
  return /^\d+$/.test(sensorId) ? `v1.1/Datastreams(${sensorId})/Observations` : `v1.1/Datastreams('${sensorId.replaceAll("'", "''")}')/Observations`;
}

const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/;

/** ms since the epoch of an ISO 8601 instant, or of the end of an interval `start/end`; else a reason. */
export function parseTime(value: unknown, field: string): number | string {
  if (typeof value !== 'string') return `${field} must be an ISO 8601 time string`;
  if (!value.includes('/')) return parseInstant(value, value, field);
  const parts = value.split('/');
  if (parts.length > 2) return `${field} "${clip(value)}" is not an ISO 8601 time or interval`;
  if (!parts.every((p) => isoInstant.test(p))) return notIso(field, value);
  const start = parseInstant(parts[0]!, value, field);
  if (typeof start === 'string') return start;
  const end = parseInstant(parts[1]!, value, field);
  if (typeof end === 'string') return end;
  if (end < start) return `${field} "${clip(value)}" ends before it starts`;
  return end;
}

/** One instant of `value` (the whole field, for the reason). */
function parseInstant(instant: string, value: string, field: string): number | string {
  if (!isoInstant.test(instant)) return notIso(field, value);
  const time = Date.parse(instant);
  if (Number.isNaN(time) || !realDay(instant)) return `${field} "${clip(value)}" is not a real date`;
  return time;
}

const notIso = (field: string, value: string) => `${field} "${clip(value)}" is not an ISO 8601 time (like 2007-06-08T10:30:00Z)`;

const monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Date.parse rolls 31 February over into March; a sensor that sends it has a broken clock. */
function realDay(instant: string): boolean {
  const y = Number(instant.slice(0, 4));
  const m = Number(instant.slice(5, 7));
  const d = Number(instant.slice(8, 10));
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return m >= 1 && m <= 12 && d >= 1 && d <= monthDays[m - 1]! + (m === 2 && leap ? 1 : 0);
}

const clip = (s: string, n = 60) => (s.length > n ? `${s.slice(0, n)}…` : s);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const describe = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'string' ? `the text "${clip(v, 30)}"` : typeof v);

/** A payload's JSON, or why it is not UTF-8 JSON, in words a person reads (readings and public reports alike). */
export function parseJson(raw: Buffer): { value: unknown } | { reason: string } {
  const text = raw.toString('utf8');
  if (text.includes('\uFFFD') && !raw.equals(Buffer.from(text, 'utf8'))) return { reason: 'the payload is not UTF-8 text' };
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (err) {
    return { reason: `the payload is not JSON (${err instanceof Error ? err.message : String(err)})` };
  }
}

const observationFields = new Set(['phenomenonTime', 'resultTime', 'result', 'resultQuality', 'validTime', 'parameters', 'Datastream', 'FeatureOfInterest', '@iot.id', '@iot.selfLink']);

function readParameters(value: unknown): { unit: string | null; reconstructed: boolean } | string {
  if (value === undefined || value === null) return { unit: null, reconstructed: false };
  if (!isObject(value)) return `parameters must be an object, not ${describe(value)}`;
  const unit = value.unit;
  if (unit !== undefined && typeof unit !== 'string') return `parameters.unit must be a unit symbol (text), not ${describe(unit)}`;
  const reconstructed = value.reconstructed;
  if (reconstructed !== undefined && typeof reconstructed !== 'boolean') return `parameters.reconstructed must be true or false, not ${describe(reconstructed)}`;
  return { unit: unit ?? null, reconstructed: reconstructed ?? false };
}

/**
 * A SensorThings Observation. A missing phenomenonTime is the time it arrived, as the standard has
 * the server do; the result must be a number (every kind of sensor here measures one).
 */
function parseObservation(sensorId: string, body: unknown, raw: Buffer, receivedAt: number): Parsed {
  const no = (reason: string): Parsed => ({ ok: false, rejected: { sensorId, reason, raw } });
  if (!isObject(body)) return no(`an Observation must be a JSON object, not ${describe(body)}`);
  const unknown = Object.keys(body).filter((k) => !observationFields.has(k));
  if (unknown.length) return no(`unknown Observation field${unknown.length > 1 ? 's' : ''} ${unknown.slice(0, 3).map((k) => `"${clip(k, 30)}"`).join(', ')}`);
  if (!('result' in body)) return no('the Observation has no result');
  if (typeof body.result !== 'number' || !Number.isFinite(body.result)) return no(`result must be a number, not ${describe(body.result)}`);
  const time = body.phenomenonTime === undefined ? receivedAt : parseTime(body.phenomenonTime, 'phenomenonTime');
  if (typeof time === 'string') return no(time);
  let resultTime: number | null = null;
  if (body.resultTime !== undefined && body.resultTime !== null) {
    const t = parseTime(body.resultTime, 'resultTime');
    if (typeof t === 'string') return no(t);
    if (t < time) return no('resultTime is before phenomenonTime: a result cannot exist before what it measures');
    resultTime = t;
  }
  const parameters = readParameters(body.parameters);
  if (typeof parameters === 'string') return no(parameters);
  return { ok: true, candidate: { sensorId, time, resultTime, value: body.result, unit: parameters.unit, reconstructed: parameters.reconstructed, raw } };
}

const compactFields = new Set(['ds', 't', 'v', 'u', 'r']);

function parseCompact(item: unknown, raw: Buffer): Parsed {
  const no = (reason: string, sensorId: string | null = null): Parsed => ({ ok: false, rejected: { sensorId, reason, raw } });
  if (!isObject(item)) return no(`a compact reading must be an object {"ds","t","v"}, not ${describe(item)}`);
  const ds = item.ds;
  if (typeof ds !== 'string' && !(typeof ds === 'number' && Number.isInteger(ds))) return no('"ds" (the datastream id) must be text or a whole number');
  const sensorId = String(ds);
  if (sensorId.length === 0 || sensorId.length > 200) return no('"ds" (the datastream id) must be 1 to 200 characters');
  const unknown = Object.keys(item).filter((k) => !compactFields.has(k));
  if (unknown.length) return no(`unknown compact field${unknown.length > 1 ? 's' : ''} ${unknown.slice(0, 3).map((k) => `"${clip(k, 30)}"`).join(', ')}`, sensorId);
  if (typeof item.v !== 'number' || !Number.isFinite(item.v)) return no(`"v" (the value) must be a number, not ${describe(item.v)}`, sensorId);
  let time: number | string;
  if (typeof item.t === 'number') time = Number.isSafeInteger(item.t) ? item.t : '"t" must be whole milliseconds since 1970 (or an ISO 8601 time)';
  else time = parseTime(item.t, '"t"');
  if (typeof time === 'string') return no(time, sensorId);
  if (item.u !== undefined && typeof item.u !== 'string') return no(`"u" (the unit) must be a unit symbol, not ${describe(item.u)}`, sensorId);
  if (item.r !== undefined && typeof item.r !== 'boolean') return no(`"r" (reconstructed) must be true or false, not ${describe(item.r)}`, sensorId);
  return { ok: true, candidate: { sensorId, time, resultTime: null, value: item.v, unit: item.u ?? null, reconstructed: item.r ?? false, raw } };
}

/** Every reading a message carries, each parsed or rejected with a reason: at least one per message. */
export function parseMessage(topic: string, raw: Buffer, receivedAt: number): Parsed[] {
  const match = datastreamTopic.exec(topic);
  if (match) {
    const sensorId = match[1] !== undefined ? match[1].replaceAll("''", "'") : match[2]!;
    const json = parseJson(raw);
    if ('reason' in json) return [{ ok: false, rejected: { sensorId, reason: json.reason, raw } }];
    return [parseObservation(sensorId, json.value, raw, receivedAt)];
  }
  if (topic === compactTopic) {
    const json = parseJson(raw);
    if ('reason' in json) return [{ ok: false, rejected: { sensorId: null, reason: json.reason, raw } }];
    if (!Array.isArray(json.value)) return [parseCompact(json.value, raw)];
    if (json.value.length === 0) return [{ ok: false, rejected: { sensorId: null, reason: 'an empty list of readings', raw } }];
    if (json.value.length > compactMaxReadings) return [{ ok: false, rejected: { sensorId: null, reason: `${json.value.length} readings in one message; at most ${compactMaxReadings}`, raw } }];
    return json.value.map((item) => parseCompact(item, Buffer.from(JSON.stringify(item))));
  }
  return [{ ok: false, rejected: { sensorId: null, reason: `the topic "${clip(topic)}" is not a datastream's Observations (v1.1/Datastreams(<id>)/Observations) nor ${compactTopic}`, raw } }];
}
