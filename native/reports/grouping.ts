// Which group a report joins: reports of one place and time are one item in the queue and on the
// map. A report joins the group of the nearest earlier report within `radiusM` metres and
// `windowMs` of its time (so reports strung along one street join up, each near the last); with
// none, it starts a group of its own. Groups never merge: an item a person reviewed stays the one
// they reviewed; a dismissed group takes no more reports (the store leaves its members out).

export interface GroupingRule {
  radiusM: number;
  windowMs: number;
}

export const defaultGrouping: GroupingRule = { radiusM: 100, windowMs: 30 * 60_000 };

export interface Member {
  groupId: string;
  lon: number;
  lat: number;
  observedAt: number;
}

const earthRadiusM = 6_371_008.8;
const rad = Math.PI / 180;

/** Great-circle distance in metres (haversine): at street scale it is exact to millimetres. */
export function distanceM(a: { lon: number; lat: number }, b: { lon: number; lat: number }): number {
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * earthRadiusM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The degrees of latitude and longitude `radiusM` spans at `lat`: the box a store query searches. */
export function searchBox(lat: number, radiusM: number): { dLat: number; dLon: number } {
  const dLat = radiusM / (earthRadiusM * rad);
  return { dLat, dLon: dLat / Math.max(Math.cos(lat * rad), 0.01) };
}

/** The group of the nearest member within the rule's distance and time, or null for a new group. */
export function groupFor(report: { lon: number; lat: number; observedAt: number }, members: Iterable<Member>, rule: GroupingRule): string | null {
  let best: { groupId: string; d: number } | null = null;
  for (const m of members) {
    if (Math.abs(m.observedAt - report.observedAt) > rule.windowMs) continue;
    const d = distanceM(report, m);
    if (d <= rule.radiusM && (!best || d < best.d)) best = { groupId: m.groupId, d };
  }
  return best?.groupId ?? null;
}
