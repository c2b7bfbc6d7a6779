import { parse } from 'csv-parse/sync';
import { CapCertainty, CapSeverity, CapUrgency } from '../api/ops.ts';
import { SensorAnomaly, type InjectMethod, type InjectPlan } from '../api/exercise.ts';

// An MSEL (master scenario events list) as CSV with the HSEEP columns, plus the extra columns
// alert and sensor-anomaly injects need. README "Exercises" documents the format.

export interface MselDepartment {
  id: string;
  name: string;
  short: string;
}

export interface MselContext {
  departments: readonly MselDepartment[];
  /** The sensor ids a sensor-anomaly inject may name. */
  sensors: readonly string[];
  /** STARTEX (scenario time zero); default the earliest ISO time in the MSEL. */
  start?: number;
}

export interface MselProblem {
  /** The CSV line the row starts on (the header is line 1). */
  line: number;
  column: string | null;
  message: string;
}

export class MselError extends Error {
  override name = 'MselError';
  readonly problems: readonly MselProblem[];
  constructor(problems: readonly MselProblem[]) {
    super(problems.map(describeProblem).join('\n'));
    this.problems = problems;
  }
}

export function describeProblem(p: MselProblem): string {
  return `line ${p.line}${p.column ? `, column "${p.column}"` : ''}: ${p.message}`;
}

export interface Msel {
  start: number;
  injects: InjectPlan[];
}

type Field = 'number' | 'time' | 'method' | 'from' | 'to' | 'synopsis' | 'expectedAction' | 'objective' | 'controller' | 'evaluatorNotes' | 'severity' | 'urgency' | 'certainty' | 'sensor' | 'anomaly' | 'value' | 'minutes';

/** The column each header names (compared in lower case without spaces or punctuation). */
const headerFields: Record<string, Field> = {
  eventnumber: 'number', eventno: 'number', event: 'number', number: 'number', no: 'number',
  scenariotime: 'time', time: 'time',
  deliverymethod: 'method', method: 'method',
  from: 'from', to: 'to',
  synopsis: 'synopsis', message: 'synopsis', description: 'synopsis',
  expectedaction: 'expectedAction', expectedactions: 'expectedAction', expectedplayeraction: 'expectedAction',
  objective: 'objective', objectives: 'objective',
  controller: 'controller',
  evaluatornotes: 'evaluatorNotes', notes: 'evaluatorNotes',
  severity: 'severity', urgency: 'urgency', certainty: 'certainty',
  sensor: 'sensor', anomaly: 'anomaly', value: 'value', minutes: 'minutes',
};
const required: readonly Field[] = ['number', 'time', 'method', 'synopsis'];
const fieldTitle: Record<Field, string> = {
  number: 'Event number', time: 'Scenario time', method: 'Delivery method', from: 'From', to: 'To', synopsis: 'Synopsis',
  expectedAction: 'Expected action', objective: 'Objective', controller: 'Controller', evaluatorNotes: 'Evaluator notes',
  severity: 'Severity', urgency: 'Urgency', certainty: 'Certainty', sensor: 'Sensor', anomaly: 'Anomaly', value: 'Value', minutes: 'Minutes',
};

const methods: Record<string, InjectMethod> = {
  alert: 'alert',
  message: 'message', phone: 'message', 'phone call': 'message', email: 'message', radio: 'message', 'in person': 'message',
  'sensor anomaly': 'sensor', sensor: 'sensor',
};

type Time = { kind: 'offset'; ms: number } | { kind: 'at'; ms: number };

const elapsed = /^(\d{1,3}):([0-5]\d)(?::([0-5]\d))?$/;
const minutesSeconds = /^\+(\d{1,4}):([0-5]\d)$/;
const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** "HH:MM[:SS]" elapsed since STARTEX, "+MM:SS" elapsed minutes and seconds, or an ISO 8601 time with its zone. */
export function parseScenarioTime(value: string): Time | string {
  const e = elapsed.exec(value);
  if (e) return { kind: 'offset', ms: ((Number(e[1]) * 60 + Number(e[2])) * 60 + Number(e[3] ?? 0)) * 1000 };
  const m = minutesSeconds.exec(value);
  if (m) return { kind: 'offset', ms: (Number(m[1]) * 60 + Number(m[2])) * 1000 };
  if (isoInstant.test(value)) {
    const ms = Date.parse(value);
    if (!Number.isNaN(ms)) return { kind: 'at', ms };
  }
  return `"${value}" is not a scenario time: write HH:MM after the start (01:30), +MM:SS (+05:30) or an ISO time with its zone (2007-06-08T15:00:00+10:00)`;
}

interface Row {
  line: number;
  cells: Partial<Record<Field, string>>;
}

/** Reads the whole MSEL or throws MselError with one problem per bad cell: never half of it. */
export function parseMsel(text: string, context: MselContext): Msel {
  const { headerLine, rows } = readRows(text);
  const problems: MselProblem[] = [];
  const problem = (line: number, field: Field | null, message: string) => problems.push({ line, column: field ? fieldTitle[field] : null, message });

  const times = rows.map((row) => {
    const raw = row.cells.time ?? '';
    const time = parseScenarioTime(raw);
    if (typeof time === 'string') problem(row.line, 'time', raw ? time : 'is empty');
    return typeof time === 'string' ? null : time;
  });
  const absolute = times.filter((t): t is Time => t?.kind === 'at').map((t) => t.ms);
  const start = context.start ?? (absolute.length ? Math.min(...absolute) : null);
  if (start === null && rows.length > 0) problem(headerLine, 'time', 'no row gives an ISO time and no start was given: give the exercise start (--start) or one ISO time');

  const seen = new Map<string, number>();
  const injects: InjectPlan[] = [];
  rows.forEach((row, i) => {
    const before = problems.length;
    const cell = (f: Field) => row.cells[f] ?? '';
    const number = cell('number');
    if (!number) problem(row.line, 'number', 'is empty');
    else if (number.length > 20) problem(row.line, 'number', 'is longer than 20 characters');
    else if (seen.has(number)) problem(row.line, 'number', `event ${number} is already on line ${seen.get(number)}`);
    else seen.set(number, row.line);

    const method = methods[cell('method').toLowerCase()];
    if (!method) problem(row.line, 'method', `"${cell('method')}" is not a delivery method: alert, message (or phone, email, radio, in person) or sensor anomaly`);
    if (!cell('synopsis')) problem(row.line, 'synopsis', 'is empty');
    for (const [f, max] of [['synopsis', 2000], ['expectedAction', 2000], ['evaluatorNotes', 2000], ['objective', 500], ['from', 200], ['to', 200], ['controller', 200]] as const) {
      if (cell(f).length > max) problem(row.line, f, `is longer than ${max} characters`);
    }

    const department = departmentNamed(cell('to'), context.departments);
    if (method === 'message' && !department) {
      problem(row.line, 'to', `"${cell('to')}" names no department (a message goes to one of: ${context.departments.map((d) => d.short || d.id).join(', ')})`);
    }
    const alert = method === 'alert' ? alertOf(row, problem) : null;
    const sensor = method === 'sensor' ? sensorOf(row, context.sensors, problem) : null;

    const time = times[i];
    let at = 0;
    if (time && start !== null) {
      at = time.kind === 'offset' ? start + time.ms : time.ms;
      if (at < start) problem(row.line, 'time', 'is before the exercise start');
    }
    if (problems.length > before || !time || start === null || !method) return;
    injects.push({
      number, at, method, department, alert, sensor,
      from: cell('from'), to: cell('to'), synopsis: cell('synopsis'), expectedAction: cell('expectedAction'),
      objective: cell('objective'), controller: cell('controller'), evaluatorNotes: cell('evaluatorNotes'),
    });
  });
  if (rows.length === 0 && problems.length === 0) problem(headerLine, null, 'the MSEL has no injects');
  if (problems.length) throw new MselError(problems);
  return { start: start!, injects: injects.sort((a, b) => a.at - b.at) };
}

function readRows(text: string): { headerLine: number; rows: Row[] } {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, trim: true, skip_empty_lines: true, info: true, comment: '#', comment_no_infix: true, relax_column_count: true }) as { record: string[]; info: { lines: number } }[];
  } catch (err) {
    const line = typeof (err as { lines?: unknown }).lines === 'number' ? (err as { lines: number }).lines : 1;
    throw new MselError([{ line, column: null, message: `not readable as CSV: ${(err as Error).message}` }]);
  }
  const [header, ...body] = records;
  if (!header) throw new MselError([{ line: 1, column: null, message: 'the file is empty: the first line must name the HSEEP columns' }]);
  const fields = header.record.map((name) => headerFields[name.toLowerCase().replace(/[^a-z]/g, '')] ?? null);
  const problems: MselProblem[] = [];
  header.record.forEach((name, i) => {
    if (fields[i] === null) problems.push({ line: header.info.lines, column: name, message: `is not an MSEL column (known: ${Object.values(fieldTitle).join(', ')})` });
    else if (fields.indexOf(fields[i]!) !== i) problems.push({ line: header.info.lines, column: name, message: 'names a column already given' });
  });
  for (const f of required) if (!fields.includes(f)) problems.push({ line: header.info.lines, column: fieldTitle[f], message: 'is missing from the header' });
  for (const { record, info } of body) {
    if (record.length !== fields.length) problems.push({ line: startLine(record, info.lines), column: null, message: `has ${record.length} cells where the header names ${fields.length} columns (a comma in a cell needs "quotes")` });
  }
  if (problems.length) throw new MselError(problems);
  const rows = body.map(({ record, info }) => ({ line: startLine(record, info.lines), cells: Object.fromEntries(record.map((value, i) => [fields[i]!, value])) }));
  return { headerLine: header.info.lines, rows };
}

/** csv-parse counts the lines read so far, so a record's last line; a quoted cell may span several. */
function startLine(record: readonly string[], lastLine: number): number {
  return lastLine - record.reduce((n, value) => n + (value.match(/\n/g)?.length ?? 0), 0);
}

/** The department `to` names: its id, short name or name, a name it starts with ("Fire & Rescue duty officer") or the start of one ("Public Works"). */
export function departmentNamed(to: string, departments: readonly MselDepartment[]): string | null {
  const t = to.toLowerCase();
  if (!t) return null;
  const exact = departments.find((d) => [d.id, d.short, d.name].some((n) => n.toLowerCase() === t));
  if (exact) return exact.id;
  const startsWith = (long: string, short: string) => long.startsWith(short) && !/[a-z]/.test(long.charAt(short.length));
  const prefix = departments.find((d) => [d.name, d.short].some((n) => n && (startsWith(t, n.toLowerCase()) || startsWith(n.toLowerCase(), t))));
  return prefix?.id ?? null;
}

type Report = (line: number, field: Field, message: string) => void;

function alertOf(row: Row, problem: Report): InjectPlan['alert'] {
  const severity = CapSeverity.safeParse(capitalized(row.cells.severity ?? ''));
  const urgency = CapUrgency.safeParse(capitalized(row.cells.urgency || 'Immediate'));
  const certainty = CapCertainty.safeParse(capitalized(row.cells.certainty || 'Observed'));
  if (!severity.success) problem(row.line, 'severity', `"${row.cells.severity ?? ''}" is not a CAP severity for an alert inject: Minor, Moderate, Severe or Extreme`);
  if (!urgency.success) problem(row.line, 'urgency', `"${row.cells.urgency}" is not a CAP urgency: Immediate, Expected, Future, Past or Unknown`);
  if (!certainty.success) problem(row.line, 'certainty', `"${row.cells.certainty}" is not a CAP certainty: Observed, Likely, Possible, Unlikely or Unknown`);
  return severity.success && urgency.success && certainty.success ? { severity: severity.data, urgency: urgency.data, certainty: certainty.data } : null;
}

function sensorOf(row: Row, sensors: readonly string[], problem: Report): InjectPlan['sensor'] {
  const sensorId = row.cells.sensor ?? '';
  const anomaly = SensorAnomaly.safeParse((row.cells.anomaly ?? '').toLowerCase());
  const value = Number(row.cells.value || Number.NaN);
  const minutesText = row.cells.minutes || (anomaly.success && anomaly.data === 'spike' ? '1' : '');
  const minutes = Number(minutesText);
  if (!sensors.includes(sensorId)) problem(row.line, 'sensor', sensorId ? `"${sensorId}" is not a sensor of this scenario (${sensors.join(', ') || 'it has none'})` : 'is empty: a sensor anomaly names its sensor');
  if (!anomaly.success) problem(row.line, 'anomaly', `"${row.cells.anomaly ?? ''}" is not an anomaly: spike, stuck or rise`);
  if (!Number.isFinite(value)) problem(row.line, 'value', `"${row.cells.value ?? ''}" is not a number: the reading the anomaly shows`);
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 360) problem(row.line, 'minutes', `"${minutesText}" is not a whole number of minutes from 1 to 360`);
  return sensors.includes(sensorId) && anomaly.success && Number.isFinite(value) && Number.isInteger(minutes) && minutes >= 1 && minutes <= 360 ? { sensorId, anomaly: anomaly.data, value, minutes } : null;
}

const capitalized = (s: string) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase();
