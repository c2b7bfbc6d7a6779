// Reading one citizen or field report: JSON, the documented form (ReportForm), then the checks a
// schema cannot make (a real time, not in the future, not too old, inside the area this node covers).
import { createHash } from 'node:crypto';
import { ReportForm, type DepthCategory, type ReporterKind } from '../api/reports.ts';
import { parseJson, parseTime } from '../sensors/payload.ts';
import { categoryDepthM } from './depth.ts';

/** An accepted report, ready to be grouped and stored. */
export interface Report {
  id: string;
  observedAt: number;
  lon: number;
  lat: number;
  depthM: number;
  category: DepthCategory | null;
  text: string;
  photo: string | null;
  contact: string;
  reporterKind: ReporterKind;
  reconstructed: boolean;
}

export interface ReportLimits {
  /** A report may be timed this far after the clock (a phone's clock runs fast). */
  futureMs: number;
  /** Older reports are refused: water seen a day ago says nothing about now. */
  maxAgeMs: number;
  /** [west, south, east, north] (WGS84) the node covers; null: anywhere. */
  bounds: readonly [number, number, number, number] | null;
}

export const defaultReportLimits: ReportLimits = { futureMs: 5 * 60_000, maxAgeMs: 24 * 3_600_000, bounds: null };

/** The most a report's payload may weigh (the form is a few hundred bytes; a photo goes by reference). */
export const maxReportBytes = 16 * 1024;

/** The report, or why it is refused, in words a person reads. */
export function parseReport(raw: Buffer, now: number, limits: ReportLimits = defaultReportLimits): { ok: true; report: Report } | { ok: false; reason: string } {
  const no = (reason: string) => ({ ok: false as const, reason });
  if (raw.length > maxReportBytes) return no(`the report is ${raw.length} bytes; at most ${maxReportBytes} (send a photo by reference, not inline)`);
  const json = parseJson(raw);
  if ('reason' in json) return no(json.reason);
  const parsed = ReportForm.safeParse(json.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
    return no(`${where}${issue.message}`);
  }
  const form = parsed.data;
  const observedAt = parseTime(form.observedAt, 'observedAt');
  if (typeof observedAt === 'string') return no(observedAt);
  if (observedAt > now + limits.futureMs) return no(`observedAt ${form.observedAt} is in the future (more than ${limits.futureMs / 60_000} min after this node's clock)`);
  if (observedAt < now - limits.maxAgeMs) return no(`observedAt ${form.observedAt} is more than ${limits.maxAgeMs / 3_600_000} h ago: too old to say where water is now`);
  const { lon, lat } = form.location;
  const b = limits.bounds;
  if (b && (lon < b[0] || lon > b[2] || lat < b[1] || lat > b[3])) return no(`location ${lon}, ${lat} is outside the area this node covers (${b.map((v) => Number(v.toFixed(5))).join(', ')})`);
  const id = form.id ?? `sha256:${createHash('sha256').update(raw).digest('hex').slice(0, 32)}`;
  return {
    ok: true,
    report: {
      id,
      observedAt,
      lon,
      lat,
      depthM: form.depthM ?? categoryDepthM[form.category!],
      category: form.category ?? null,
      text: form.text,
      photo: form.photo ?? null,
      contact: form.reporter.contact,
      reporterKind: form.reporter.kind,
      reconstructed: form.reconstructed,
    },
  };
}
