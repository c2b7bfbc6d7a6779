import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { capNamespace, referencesText, type CapArea, type CapInfo, type CapMessage, type CapReference } from './cap-message.ts';

// Coordinates keep 6 decimals (about 0.1 m): what a round trip through CAP preserves.
const coordinate = (v: number) => String(Math.round(v * 1e6) / 1e6);
const pair = ([lat, lon]: [number, number]) => `${coordinate(lat)},${coordinate(lon)}`;

/** Elements in the schema's sequence order; absent optional ones are left out. */
function infoElement(info: CapInfo) {
  return {
    language: info.language,
    category: info.categories,
    event: info.event,
    urgency: info.urgency,
    severity: info.severity,
    certainty: info.certainty,
    ...(info.senderName !== null ? { senderName: info.senderName } : {}),
    ...(info.headline !== null ? { headline: info.headline } : {}),
    ...(info.description !== null ? { description: info.description } : {}),
    ...(info.instruction !== null ? { instruction: info.instruction } : {}),
    ...(info.parameters.length ? { parameter: info.parameters.map((p) => ({ valueName: p.valueName, value: p.value })) } : {}),
    ...(info.areas.length
      ? {
          area: info.areas.map((a) => ({
            areaDesc: a.areaDesc,
            ...(a.polygons.length ? { polygon: a.polygons.map((ring) => ring.map(pair).join(' ')) } : {}),
            ...(a.circles.length ? { circle: a.circles.map((c) => `${pair(c.center)} ${c.radiusKm}`) } : {}),
          })),
        }
      : {}),
  };
}

/** The message as CAP 1.2 XML (UTF-8, the CAP namespace as the default one). */
export function capXml(message: CapMessage): string {
  const alert = {
    '@_xmlns': capNamespace,
    identifier: message.identifier,
    sender: message.sender,
    sent: message.sent,
    status: message.status,
    msgType: message.msgType,
    ...(message.source !== null ? { source: message.source } : {}),
    scope: message.scope,
    ...(message.restriction !== null ? { restriction: message.restriction } : {}),
    ...(message.addresses !== null ? { addresses: message.addresses } : {}),
    ...(message.note !== null ? { note: message.note } : {}),
    ...(message.references.length ? { references: referencesText(message.references) } : {}),
    ...(message.incidents !== null ? { incidents: message.incidents } : {}),
    ...(message.infos.length ? { info: message.infos.map(infoElement) } : {}),
  };
  const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, indentBy: '  ', suppressEmptyNode: false });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ alert }) as string}`;
}

/** A message that cannot be read as CAP: why, in words a person reads. */
export class CapReadError extends Error {
  override name = 'CapReadError';
}

const repeated = new Set(['info', 'category', 'responseType', 'eventCode', 'parameter', 'resource', 'area', 'polygon', 'circle', 'geocode', 'code']);
type Node = Record<string, unknown>;

const text = (node: Node, name: string): string | null => {
  const value = node[name];
  if (value === undefined || value === null) return null;
  if (typeof value === 'object') throw new CapReadError(`<${name}> holds elements where CAP expects text`);
  return String(value);
};
const required = (node: Node, name: string, where: string): string => {
  const value = text(node, name);
  if (value === null || value === '') throw new CapReadError(`${where} has no <${name}>`);
  return value;
};
const list = (node: Node, name: string): Node[] => ((node[name] as Node[] | undefined) ?? []).map((n) => (typeof n === 'object' && n !== null ? n : ({ '#text': n } as Node)));
const texts = (node: Node, name: string): string[] => ((node[name] as unknown[] | undefined) ?? []).map(String);

/** "lat,lon" → [lat, lon], or a reason. */
function readPair(value: string, where: string): [number, number] {
  const parts = value.split(',');
  const [lat, lon] = parts.map(Number);
  if (parts.length !== 2 || !Number.isFinite(lat) || !Number.isFinite(lon)) throw new CapReadError(`${where}: "${value}" is not a "latitude,longitude" pair`);
  return [lat!, lon!];
}

function readArea(node: Node, n: number): CapArea {
  const where = `area ${n}`;
  return {
    areaDesc: required(node, 'areaDesc', where),
    polygons: texts(node, 'polygon').map((p, i) =>
      p
        .trim()
        .split(/\s+/)
        .map((pairText) => readPair(pairText, `${where} polygon ${i + 1}`)),
    ),
    circles: texts(node, 'circle').map((c, i) => {
      const [centre, radius, ...rest] = c.trim().split(/\s+/);
      const radiusKm = Number(radius);
      if (!centre || rest.length || !Number.isFinite(radiusKm)) throw new CapReadError(`${where} circle ${i + 1}: "${c}" is not "latitude,longitude radius"`);
      return { center: readPair(centre, `${where} circle ${i + 1}`), radiusKm };
    }),
  };
}

function readInfo(node: Node): CapInfo {
  return {
    language: text(node, 'language') ?? 'en-US',
    categories: texts(node, 'category'),
    event: required(node, 'event', 'info'),
    urgency: required(node, 'urgency', 'info'),
    severity: required(node, 'severity', 'info'),
    certainty: required(node, 'certainty', 'info'),
    senderName: text(node, 'senderName'),
    headline: text(node, 'headline'),
    description: text(node, 'description'),
    instruction: text(node, 'instruction'),
    parameters: list(node, 'parameter').map((p) => ({ valueName: text(p, 'valueName') ?? '', value: text(p, 'value') ?? '' })),
    areas: list(node, 'area').map((a, i) => readArea(a, i + 1)),
  };
}

/** "sender,identifier,sent" triples; a reason for any that is not one. */
export function readReferences(value: string): CapReference[] {
  return value
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((triple) => {
      const parts = triple.split(',');
      if (parts.length !== 3 || parts.some((p) => p === '')) throw new CapReadError(`references: "${triple}" is not a "sender,identifier,sent" triple`);
      return { sender: parts[0]!, identifier: parts[1]!, sent: parts[2]! };
    });
}

/**
 * Reads a CAP 1.2 document (already valid against the schema, so element order and enumerations
 * hold) into a message. A DOCTYPE is refused outright: CAP needs none, and entity expansion is a
 * classic way to make a parser eat memory.
 */
export function readCapXml(xml: string): CapMessage {
  if (/<!DOCTYPE/i.test(xml)) throw new CapReadError('the document declares a DOCTYPE, which CAP never needs; refused');
  const parser = new XMLParser({ ignoreAttributes: true, removeNSPrefix: true, parseTagValue: false, trimValues: true, processEntities: true, isArray: (name) => repeated.has(name) });
  const root = parser.parse(xml) as Node;
  const alert = root.alert as Node | undefined;
  if (!alert || typeof alert !== 'object') throw new CapReadError('the document has no CAP <alert> element');
  const references = text(alert, 'references');
  return {
    identifier: required(alert, 'identifier', 'alert'),
    sender: required(alert, 'sender', 'alert'),
    sent: required(alert, 'sent', 'alert'),
    status: required(alert, 'status', 'alert') as CapMessage['status'],
    msgType: required(alert, 'msgType', 'alert') as CapMessage['msgType'],
    source: text(alert, 'source'),
    scope: required(alert, 'scope', 'alert') as CapMessage['scope'],
    restriction: text(alert, 'restriction'),
    addresses: text(alert, 'addresses'),
    note: text(alert, 'note'),
    references: references ? readReferences(references) : [],
    incidents: text(alert, 'incidents'),
    infos: list(alert, 'info').map(readInfo),
  };
}
