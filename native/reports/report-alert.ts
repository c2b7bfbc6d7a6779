import type { SystemAlertDraft } from '../ops/system-alerts.ts';
import type { GroupingRule } from './grouping.ts';
import type { Report } from './parse-report.ts';

const utc = (ms: number) => `${new Date(ms).toISOString().slice(11, 16)} UTC`;

/** How a report says how deep: its category with the depth it stands for, or metres. */
export function depthText(report: Pick<Report, 'depthM' | 'category'>): string {
  return report.category ? `${report.category}-deep (about ${report.depthM} m)` : `${Number(report.depthM.toFixed(2))} m deep`;
}

/**
 * The queue entry a new group of reports gets: source 'report', severity, urgency and certainty
 * Unknown (it sorts below every gauge and forecast alert and is never loud) until a crisis-room
 * member confirms it. Later reports of the group change nothing here: the count grows in the
 * reports' own view, not by escalating the alert.
 */
export function reportAlertDraft(groupId: string, first: Report, rule: GroupingRule): SystemAlertDraft {
  const who = first.reporterKind === 'crew' ? 'a field crew' : 'a resident';
  const label = first.reconstructed ? 'Reconstructed public report (exercise)' : 'Unconfirmed public report';
  return {
    source: 'report',
    title: `${label}: water ${depthText(first)} at ${first.lat.toFixed(5)}, ${first.lon.toFixed(5)}`,
    description: [
      `Reported by ${who} for ${utc(first.observedAt)}${first.text ? `: "${first.text.slice(0, 500)}"` : '.'}`,
      `Reports within ${rule.radiusM} m and ${rule.windowMs / 60_000} min join this item. Unconfirmed: nothing is escalated, forecast or tasked on it until a crisis-room member confirms it.`,
    ].join('\n'),
    severity: 'Unknown',
    urgency: 'Unknown',
    certainty: 'Unknown',
    area: { type: 'Point', coordinates: [first.lon, first.lat] },
    dedupeKey: `report:${groupId}`,
  };
}
