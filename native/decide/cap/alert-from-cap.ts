import { createHash } from 'node:crypto';
import { CapCertainty, CapSeverity, CapUrgency, textLimits, type Alert } from '../../api/ops.ts';
import type { SystemAlertDraft } from '../../ops/system-alerts.ts';
import type { CapMessage } from './cap-message.ts';

/** What `alerts.raise` is asked for a CAP message, before its own checks: the same draft the app's own alerts are. */
export type RaiseFromCap = SystemAlertDraft & { source: 'cap' };

/** Messages about the same first alert group in the queue: an Update repeats it rather than
 * adding a row. The key is a digest, so any sender and identifier fit the key's limit. */
export function capThreadKey(message: Pick<CapMessage, 'sender' | 'identifier' | 'references'>): string {
  const root = message.references[0] ?? message;
  return `cap:${createHash('sha256').update(`${root.sender}\n${root.identifier}`).digest('hex').slice(0, 40)}`;
}

/** The alert a CAP Alert or Update message asks for, or the reason it cannot be one. */
export function alertFromCap(message: CapMessage): { ok: true; args: RaiseFromCap } | { ok: false; reason: string } {
  const info = message.infos[0];
  if (!info) return { ok: false, reason: 'the message has no <info>: no severity, urgency or certainty to put in the alert queue' };
  const severity = CapSeverity.safeParse(info.severity);
  const urgency = CapUrgency.safeParse(info.urgency);
  const certainty = CapCertainty.safeParse(info.certainty);
  // CAP 1.0's "Very Likely" is refused by the 1.2 schema already; these guard the mapping itself.
  if (!severity.success || !urgency.success || !certainty.success) return { ok: false, reason: `unknown severity, urgency or certainty: ${info.severity}, ${info.urgency}, ${info.certainty}` };
  const title = (info.headline ?? info.event).trim();
  if (title.length > textLimits.title) return { ok: false, reason: `its headline is ${title.length} characters; an alert title may have at most ${textLimits.title}` };
  const description = [info.description, info.instruction].filter((t): t is string => Boolean(t)).join('\n\n');
  if (description.length > textLimits.description) return { ok: false, reason: `its description and instruction are ${description.length} characters; an alert may have at most ${textLimits.description}` };
  const rings = info.areas.flatMap((a) => a.polygons).map((ring) => ring.map(([lat, lon]): [number, number] => [lon, lat]));
  const circle = info.areas.flatMap((a) => a.circles)[0];
  const area: Alert['area'] =
    rings.length === 1 ? { type: 'Polygon', coordinates: [rings[0]!] } : rings.length > 1 ? { type: 'MultiPolygon', coordinates: rings.map((ring) => [ring]) } : circle ? { type: 'Point', coordinates: [circle.center[1], circle.center[0]] } : null;
  return { ok: true, args: { source: 'cap', title, description, severity: severity.data, urgency: urgency.data, certainty: certainty.data, area, dedupeKey: capThreadKey(message) } };
}
