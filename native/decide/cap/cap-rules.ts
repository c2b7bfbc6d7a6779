import { capTime, type CapArea, type CapMessage } from './cap-message.ts';

// The rules of the CAP 1.2 specification's prose that its XML Schema cannot express. Each broken
// rule is one reason, in words a person reads, naming where it is broken.

/** §3.2.1: identifier and sender "MUST NOT include spaces, commas or restricted characters (< and &)". */
const plainToken = /^[^\s,<&]+$/;

function dateTimeReasons(value: string, where: string): string[] {
  if (Number.isNaN(capTime(value))) return [`${where} "${value}" is not a CAP date and time like 2007-06-08T12:00:00-00:00`];
  // §3.3.2: "The timezone for UTC MUST be represented as -00:00".
  if (value.endsWith('+00:00')) return [`${where} "${value}" writes UTC as +00:00; CAP 1.2 requires -00:00`];
  return [];
}

function pairReasons([lat, lon]: [number, number], where: string): string[] {
  if (Math.abs(lat) > 90 && Math.abs(lon) <= 90) return [`${where}: ${lat},${lon} looks like longitude,latitude; CAP (WGS 84) writes latitude first`];
  const reasons: string[] = [];
  if (Math.abs(lat) > 90) reasons.push(`${where}: latitude ${lat} is outside -90..90`);
  if (Math.abs(lon) > 180) reasons.push(`${where}: longitude ${lon} is outside -180..180`);
  return reasons;
}

function areaReasons(area: CapArea, where: string): string[] {
  const reasons: string[] = [];
  area.polygons.forEach((ring, i) => {
    const at = `${where} polygon ${i + 1}`;
    // §3.2.4: "at least four coordinate pairs … the first and last pairs of coordinates MUST be the same".
    if (ring.length < 4) reasons.push(`${at} has ${ring.length} points; a CAP polygon needs at least 4, the first repeated last`);
    const [first, last] = [ring[0], ring.at(-1)];
    if (first && last && (first[0] !== last[0] || first[1] !== last[1])) reasons.push(`${at} is not closed: its first point ${first.join(',')} differs from its last ${last.join(',')}`);
    for (const point of ring) {
      const found = pairReasons(point, at);
      if (found.length) {
        reasons.push(...found);
        break;
      }
    }
  });
  area.circles.forEach((circle, i) => {
    const at = `${where} circle ${i + 1}`;
    reasons.push(...pairReasons(circle.center, at));
    if (circle.radiusKm < 0) reasons.push(`${at} has a negative radius`);
  });
  return reasons;
}

/** Every prose rule the message breaks; empty when it keeps them all. */
export function capRuleReasons(message: CapMessage): string[] {
  const reasons: string[] = [];
  if (!plainToken.test(message.identifier)) reasons.push(`identifier "${message.identifier}" must not contain spaces, commas, < or &`);
  if (!plainToken.test(message.sender)) reasons.push(`sender "${message.sender}" must not contain spaces, commas, < or &`);
  reasons.push(...dateTimeReasons(message.sent, 'sent'));
  if (message.scope === 'Restricted' && !message.restriction) reasons.push('scope is Restricted but there is no <restriction> saying who may see it');
  if (message.scope === 'Private' && !message.addresses) reasons.push('scope is Private but there is no <addresses> list');
  if (message.msgType !== 'Alert' && message.references.length === 0) reasons.push(`${/^[AEIOU]/.test(message.msgType) ? 'an' : 'a'} ${message.msgType} message must name the earlier message(s) it refers to in <references>`);
  message.references.forEach((r, i) => {
    const where = `reference ${i + 1} (${r.sender},${r.identifier},${r.sent})`;
    if (!plainToken.test(r.sender) || !plainToken.test(r.identifier)) reasons.push(`${where}: sender and identifier must not contain spaces, commas, < or &`);
    reasons.push(...dateTimeReasons(r.sent, `${where} sent`));
    if (r.sender === message.sender && r.identifier === message.identifier) reasons.push(`${where} refers to the message itself`);
  });
  message.infos.forEach((info, i) => info.areas.forEach((area, j) => reasons.push(...areaReasons(area, `info ${i + 1} area ${j + 1}`))));
  return reasons;
}
