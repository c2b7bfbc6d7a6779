import { rowHash, type EventPayload, type OpsEvent } from '../ops/event.ts';
import { defaultHlcOptions } from '../ops/hlc.ts';
import { signatureChecker } from '../identity/keys.ts';
import { verifyRoster } from '../identity/roster.ts';
import { createEventVerifier } from '../identity/verify-event.ts';
import { recordingSigningBytes } from './export.ts';
import { Recording, recordingFormat, type RecordedEvent } from './format.ts';
import { packHash } from './pack-hash.ts';
import { acceptedRow, quarantinedRow } from './sensor-rows.ts';

export type ParsedRecording = { ok: true; recording: Recording } | { ok: false; problem: string };

/** Reads a recording's JSON value, or says in one line why it is not one. */
export function parseRecording(raw: unknown): ParsedRecording {
  const format = typeof raw === 'object' && raw !== null ? (raw as { format?: unknown }).format : undefined;
  if (typeof format === 'string' && format.startsWith('polder-recording/') && format !== recordingFormat) {
    return { ok: false, problem: `this is a ${format} recording; this build reads ${recordingFormat}` };
  }
  const parsed = Recording.safeParse(raw);
  if (parsed.success) return { ok: true, recording: parsed.data };
  const issue = parsed.error.issues[0]!;
  return { ok: false, problem: `not a Polder recording: ${issue.path.join('.') || 'the file'}: ${issue.message}` };
}

const asEvent = (e: RecordedEvent): OpsEvent => ({ ...e, payload: JSON.parse(e.payload) as EventPayload });
const at = (e: { origin: string; seq: number }) => `event ${e.origin}#${e.seq}`;

/** Chain problems: each origin's events form the declared span, hash to their content and link to the one before. */
function chainProblems(rec: Recording): string[] {
  const problems: string[] = [];
  const byOrigin = new Map<string, RecordedEvent[]>();
  for (const e of rec.events) {
    const list = byOrigin.get(e.origin);
    if (list) list.push(e);
    else byOrigin.set(e.origin, [e]);
  }
  const spans = new Set<string>();
  for (const span of rec.origins) {
    if (spans.has(span.origin)) problems.push(`origin ${span.origin} is declared twice`);
    spans.add(span.origin);
    const events = new Map<number, RecordedEvent>();
    for (const e of byOrigin.get(span.origin) ?? []) {
      if (events.has(e.seq)) problems.push(`${at(e)} appears twice (two versions of one sequence number)`);
      events.set(e.seq, e);
    }
    const missing = new Set(span.missing);
    if (span.firstSeq === 1 && span.prevHash !== '') problems.push(`origin ${span.origin} starts at #1 but names a predecessor hash`);
    let before: { seq: number; hash: string } | null = span.firstSeq === 1 ? { seq: 0, hash: '' } : { seq: span.firstSeq - 1, hash: span.prevHash };
    for (let seq = span.firstSeq; seq <= span.lastSeq; seq++) {
      const ev = events.get(seq);
      events.delete(seq);
      if (!ev) {
        if (!missing.has(seq)) problems.push(`${at({ origin: span.origin, seq })} is missing from the recording (removed)`);
        before = null; // the next event cannot be linked across a gap
        continue;
      }
      if (missing.has(seq)) problems.push(`${at(ev)} is declared missing but present`);
      if (rowHash({ ...ev, prev_hash: ev.prevHash }) !== ev.hash) problems.push(`${at(ev)}: content does not match its hash (altered)`);
      if (before && ev.prevHash !== before.hash) {
        problems.push(before.seq === 0 ? `${at(ev)}: the first event of its origin links to a predecessor` : `${at(ev)} does not link to event #${before.seq} of its origin`);
      }
      before = { seq, hash: ev.hash };
    }
    for (const extra of events.values()) problems.push(`${at(extra)} lies outside its origin's declared span #${span.firstSeq}..#${span.lastSeq}`);
  }
  for (const origin of byOrigin.keys()) if (!spans.has(origin)) problems.push(`origin ${origin} has events but no declared span`);
  const ids = new Set<string>();
  for (const e of rec.events) {
    if (ids.has(e.id)) problems.push(`${at(e)}: id ${e.id} appears twice`);
    ids.add(e.id);
  }
  return problems;
}

/** Signature problems: each event by a device of the recording's roster, by someone whose role allows it. */
function signatureProblems(rec: Recording): string[] {
  const verifier = createEventVerifier(rec.roster);
  const ctx = { heldAt: () => undefined, heldById: () => undefined, now: rec.exportedAt, maxDriftMs: defaultHlcOptions.maxDriftMs };
  return rec.events.flatMap((e) => {
    const verdict = verifier(asEvent(e), ctx);
    return verdict.ok ? [] : [`${at(e)}: ${verdict.reason.replace('_', ' ')}: ${verdict.detail}`];
  });
}

function exporterProblem(rec: Recording): string | null {
  const device = rec.roster.devices.find((d) => d.id === rec.exportedBy);
  if (!device) return `the exporting device ${rec.exportedBy} is not in the recording's roster`;
  const { signature, ...rest } = rec;
  return signatureChecker(device.publicKey)(recordingSigningBytes(rest), signature) ? null : `the recording's signature by ${rec.exportedBy} does not match its content (altered after export)`;
}

/** Sensor rows that a store could not take back (a wrong type in a column). */
function sensorProblems(rec: Recording): string[] {
  const problems: string[] = [];
  const check = (rows: readonly Recording['forecasts'][number][], read: (r: Recording['forecasts'][number]) => unknown, what: string) =>
    rows.forEach((r, i) => {
      try {
        read(r);
      } catch (err) {
        problems.push(`${what} ${i + 1}: ${(err as Error).message}`);
      }
    });
  check(rec.sensorObservations ?? [], acceptedRow, 'sensor observation');
  check(rec.sensorQuarantine ?? [], quarantinedRow, 'quarantined sensor payload');
  return problems;
}

/**
 * Every reason the recording cannot be trusted, one line each (none: it verifies). `packDir`
 * finds a pack folder by its recorded name, or null when this machine does not have it.
 */
export function verifyRecording(rec: Recording, packDir: (name: string) => string | null): string[] {
  const roster = verifyRoster(rec.roster);
  if (!roster.ok) return [`the recording's roster: ${roster.problem}`];
  const problems: string[] = [];
  const exporter = exporterProblem(rec);
  if (exporter) problems.push(exporter);
  problems.push(...chainProblems(rec), ...signatureProblems(rec), ...sensorProblems(rec));
  for (const pack of rec.packs) {
    const dir = packDir(pack.name);
    if (dir === null) problems.push(`scenario pack ${pack.name} is not available here`);
    else {
      const actual = packHash(dir);
      if (actual !== pack.sha256) problems.push(`scenario pack ${pack.name} (${dir}) has content hash ${actual}, the recording needs ${pack.sha256}`);
    }
  }
  return problems;
}
