// A CAP 1.2 message as Polder reads and writes it: the elements of <alert>, its first <info> and
// that info's areas. Polder writes one <info> per message; it reads the first and says so.

export const capNamespace = 'urn:oasis:names:tc:emergency:cap:1.2';

export type CapStatus = 'Actual' | 'Exercise' | 'System' | 'Test' | 'Draft';
export type CapMsgType = 'Alert' | 'Update' | 'Cancel' | 'Ack' | 'Error';

/** One earlier message, as `references` names it. */
export interface CapReference {
  sender: string;
  identifier: string;
  sent: string;
}

export interface CapArea {
  areaDesc: string;
  /** Each a closed ring of [lat, lon] pairs (CAP's order), first pair repeated last. */
  polygons: [number, number][][];
  /** Centre [lat, lon] and radius in km. */
  circles: { center: [number, number]; radiusKm: number }[];
}

export interface CapInfo {
  language: string;
  categories: string[];
  event: string;
  urgency: string;
  severity: string;
  certainty: string;
  senderName: string | null;
  headline: string | null;
  description: string | null;
  instruction: string | null;
  parameters: { valueName: string; value: string }[];
  areas: CapArea[];
}

export interface CapMessage {
  identifier: string;
  sender: string;
  /** "2007-06-08T12:00:00-00:00": CAP's dateTime, always with a zone offset. */
  sent: string;
  status: CapStatus;
  msgType: CapMsgType;
  source: string | null;
  scope: 'Public' | 'Restricted' | 'Private';
  restriction: string | null;
  addresses: string | null;
  note: string | null;
  references: CapReference[];
  incidents: string | null;
  infos: CapInfo[];
}

/** CAP's dateTime for epoch milliseconds, whole seconds, in UTC written "-00:00" as CAP 1.2
 * §3.3.2 requires (the schema refuses "Z"). */
export function capDateTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19) + '-00:00';
}

/** Epoch milliseconds of a CAP dateTime, or NaN. */
export function capTime(value: string): number {
  return /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[-+]\d\d:\d\d$/.test(value) ? Date.parse(value) : NaN;
}

/** `references` as CAP writes it: "sender,identifier,sent" triples separated by spaces. */
export const referencesText = (references: readonly CapReference[]): string => references.map((r) => `${r.sender},${r.identifier},${r.sent}`).join(' ');
