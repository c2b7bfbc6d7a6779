import type { Database } from 'better-sqlite3';
import type { DepthCategory, QuarantinedReport, ReportCounts, ReportGroup, ReportReview } from '../api/reports.ts';
import { groupFor, searchBox, type GroupingRule, type Member } from './grouping.ts';
import type { Report } from './parse-report.ts';

interface GroupRow {
  id: string;
  alert_id: string | null;
  lon: number;
  lat: number;
  count: number;
  crew: number;
  reconstructed: number;
  first_at: number;
  last_at: number;
  max_depth_m: number;
  latest_depth_m: number;
  latest_category: DepthCategory | null;
  latest_text: string;
  review: string | null;
  status: string | null;
}

const groupSelect = `SELECT g.*, r.depth_m AS latest_depth_m, r.category AS latest_category, r.text AS latest_text,
    json_extract(e.state, '$.reportReview') AS review, json_extract(e.state, '$.status') AS status
  FROM report_groups g JOIN reports r ON r.id = g.latest_id LEFT JOIN entities e ON e.id = g.alert_id`;

/** A group's review, as its alert in the operations log says: dismissing the alert dismisses the reports. */
function reviewOf(row: GroupRow): ReportReview {
  if (row.review === 'dismissed' || row.status === 'dismissed') return 'dismissed';
  return row.review === 'confirmed' ? 'confirmed' : 'unconfirmed';
}

function toGroup(row: GroupRow): ReportGroup {
  return {
    id: row.id,
    alertId: row.alert_id,
    location: { lon: row.lon, lat: row.lat },
    count: row.count,
    crew: row.crew,
    firstAt: row.first_at,
    lastAt: row.last_at,
    maxDepthM: row.max_depth_m,
    latestDepthM: row.latest_depth_m,
    latestCategory: row.latest_category,
    latestText: row.latest_text,
    reconstructed: row.reconstructed === row.count,
    review: reviewOf(row),
  };
}

/** Reports, their groups and the quarantine in SQLite; received = accepted + quarantined is counted from the rows themselves. */
export function createReportStore(db: Database, rule: GroupingRule) {
  const s = {
    exists: db.prepare<[string], number>('SELECT 1 FROM reports WHERE id = ?').pluck(),
    near: db.prepare<[number, number, number, number, number, number], { groupId: string; lon: number; lat: number; observedAt: number }>(
      // Reports of a dismissed group take no more: a new report there is new evidence, to review afresh.
      `SELECT r.group_id AS groupId, r.lon, r.lat, r.observed_at AS observedAt FROM reports r JOIN report_groups g ON g.id = r.group_id LEFT JOIN entities e ON e.id = g.alert_id
        WHERE r.observed_at BETWEEN ? AND ? AND r.lat BETWEEN ? AND ? AND r.lon BETWEEN ? AND ? AND coalesce(json_extract(e.state, '$.status'), '') <> 'dismissed'`,
    ),
    newGroup: db.prepare('INSERT INTO report_groups (id, alert_id, lon, lat, count, crew, reconstructed, first_at, last_at, max_depth_m, latest_id) VALUES (?, NULL, ?, ?, 1, ?, ?, ?, ?, ?, ?)'),
    join: db.prepare<{ id: string; lon: number; lat: number; crew: number; rec: number; at: number; depth: number; report: string }>(`UPDATE report_groups SET
        lon = (lon * count + @lon) / (count + 1), lat = (lat * count + @lat) / (count + 1), count = count + 1, crew = crew + @crew, reconstructed = reconstructed + @rec,
        latest_id = CASE WHEN @at >= last_at THEN @report ELSE latest_id END,
        first_at = min(first_at, @at), last_at = max(last_at, @at), max_depth_m = max(max_depth_m, @depth)
      WHERE id = @id`),
    report: db.prepare('INSERT INTO reports VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'),
    setAlert: db.prepare<[string, string]>('UPDATE report_groups SET alert_id = ? WHERE id = ?'),
    quarantine: db.prepare('INSERT INTO report_quarantine (received_at, origin, reason, payload) VALUES (?, ?, ?, ?)'),
    group: db.prepare<[string], GroupRow>(`${groupSelect} WHERE g.id = ?`),
    groups: db.prepare<[number, number], GroupRow>(`${groupSelect} WHERE g.last_at >= ? ORDER BY g.last_at DESC, g.id LIMIT ?`),
    unalerted: db.prepare<[], { id: string; observed_at: number; lon: number; lat: number; depth_m: number; category: DepthCategory | null; text: string; photo: string | null; contact: string; reporter_kind: 'resident' | 'crew'; reconstructed: number }>(
      'SELECT r.* FROM report_groups g JOIN reports r ON r.id = g.id WHERE g.alert_id IS NULL',
    ),
    accepted: db.prepare<[], number>('SELECT count(*) FROM reports').pluck(),
    quarantined: db.prepare<[], number>('SELECT count(*) FROM report_quarantine').pluck(),
    quarantineList: db.prepare<[number, number], { id: number; received_at: number; origin: string; reason: string; payload: Buffer }>(
      'SELECT * FROM report_quarantine WHERE id < ? ORDER BY id DESC LIMIT ?',
    ),
  };

  function members(report: Report): Member[] {
    const { dLat, dLon } = searchBox(report.lat, rule.radiusM);
    return s.near.all(report.observedAt - rule.windowMs, report.observedAt + rule.windowMs, report.lat - dLat, report.lat + dLat, report.lon - dLon, report.lon + dLon);
  }

  /** Stores the report in the group it joins (a new one if none): `created` when it started one. */
  const accept = db.transaction((report: Report, origin: string, receivedAt: number, raw: Buffer): { groupId: string; created: boolean } => {
    const joined = groupFor(report, members(report), rule);
    const crew = report.reporterKind === 'crew' ? 1 : 0;
    const rec = report.reconstructed ? 1 : 0;
    if (joined === null) s.newGroup.run(report.id, report.lon, report.lat, crew, rec, report.observedAt, report.observedAt, report.depthM, report.id);
    const groupId = joined ?? report.id;
    s.report.run(report.id, groupId, receivedAt, origin, report.observedAt, report.lon, report.lat, report.depthM, report.category, report.text, report.photo, report.contact, report.reporterKind, rec, raw);
    if (joined !== null) s.join.run({ id: joined, lon: report.lon, lat: report.lat, crew, rec, at: report.observedAt, depth: report.depthM, report: report.id });
    return { groupId, created: joined === null };
  });

  return {
    isDuplicate: (id: string) => s.exists.get(id) !== undefined,
    accept,
    quarantine(receivedAt: number, origin: string, reason: string, raw: Buffer): void {
      s.quarantine.run(receivedAt, origin, reason, raw);
    },
    /** Groups whose alert was never written (the app stopped between storing and raising it), with their first report. */
    unalerted(): Report[] {
      return s.unalerted.all().map((r) => ({
        id: r.id, observedAt: r.observed_at, lon: r.lon, lat: r.lat, depthM: r.depth_m, category: r.category, text: r.text, photo: r.photo, contact: r.contact, reporterKind: r.reporter_kind, reconstructed: r.reconstructed === 1,
      }));
    },
    setAlert(groupId: string, alertId: string): void {
      s.setAlert.run(alertId, groupId);
    },
    group(id: string): ReportGroup | null {
      const row = s.group.get(id);
      return row ? toGroup(row) : null;
    },
    groups: (since: number, limit: number): ReportGroup[] => s.groups.all(since, limit).map(toGroup),
    counts(): ReportCounts {
      const accepted = s.accepted.get() ?? 0;
      const quarantined = s.quarantined.get() ?? 0;
      return { received: accepted + quarantined, accepted, quarantined };
    },
    quarantined(beforeId: number, limit: number): QuarantinedReport[] {
      return s.quarantineList.all(beforeId, limit).map((r) => {
        const text = r.payload.toString('utf8');
        return { id: r.id, receivedAt: r.received_at, origin: r.origin, reason: r.reason, payload: text.length > 2000 ? `${text.slice(0, 2000)}…` : text, bytes: r.payload.length };
      });
    },
  };
}

export type ReportStore = ReturnType<typeof createReportStore>;
