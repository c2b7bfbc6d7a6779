import { eventTypePattern, isJson, type EventPayload, type OpsEvent } from './event.ts';

/**
 * Checks an event that arrived from elsewhere (sync, import) field by field, rejecting unknown
 * keys. Hand-written rather than a schema library: it runs on every ingested event and keeps the
 * writer's start-up light.
 */
export function checkEvent(raw: unknown): { ok: true; event: OpsEvent } | { ok: false; problem: string } {
  const fail = (problem: string) => ({ ok: false as const, problem });
  if (!isRecord(raw)) return fail('not an object');
  const extra = Object.keys(raw).filter((k) => !eventKeys.has(k));
  if (extra.length) return fail(`unknown field ${extra[0]}`);
  const { id, origin, seq, hlc, actor, type, entity, payload, prevHash, hash, sig } = raw;
  if (typeof id !== 'string' || !uuidPattern.test(id)) return fail('id: not a UUID');
  if (!nonEmpty(origin)) return fail('origin: missing');
  if (typeof seq !== 'number' || !Number.isInteger(seq) || seq < 1) return fail('seq: not a whole number ≥ 1');
  if (typeof hlc !== 'string' || !hlcPattern.test(hlc)) return fail('hlc: not an HLC timestamp');
  if (!nonEmpty(actor)) return fail('actor: missing');
  if (typeof type !== 'string' || !eventTypePattern.test(type)) return fail('type: not <kind>.<event>');
  if (!nonEmpty(entity)) return fail('entity: missing');
  if (typeof prevHash !== 'string') return fail('prevHash: not a string');
  if (typeof hash !== 'string' || !hashPattern.test(hash)) return fail('hash: not a SHA-256 hex digest');
  if (sig !== null && typeof sig !== 'string') return fail('sig: not a string or null');
  const problem = payloadProblem(payload);
  if (problem) return fail(`payload.${problem}`);
  return { ok: true, event: { id, origin, seq, hlc, actor, type, entity, payload: payload as EventPayload, prevHash, hash, sig } as OpsEvent };
}

const eventKeys = new Set(['id', 'origin', 'seq', 'hlc', 'actor', 'type', 'entity', 'payload', 'prevHash', 'hash', 'sig']);
const payloadKeys = new Set(['create', 'set', 'base', 'add', 'remove', 'resolve', 'dept', 'summary', 'text']);
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const hlcPattern = /^\d{15}-[0-9a-f]{4}-.+$/;
const hashPattern = /^[0-9a-f]{64}$/;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function nonEmpty(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0;
}

function payloadProblem(p: unknown): string | null {
  if (!isRecord(p)) return 'not an object';
  const extra = Object.keys(p).filter((k) => !payloadKeys.has(k));
  if (extra.length) return `unknown field ${extra[0]}`;
  if (typeof p.summary !== 'string') return 'summary: not a string';
  if (p.create !== undefined && p.create !== true) return 'create: must be true when present';
  if (p.set !== undefined && (!isRecord(p.set) || !isJson(p.set))) return 'set: not an object of JSON values';
  if (p.base !== undefined && (!isRecord(p.base) || !Object.values(p.base).every((v) => typeof v === 'string'))) return 'base: not an object of HLC strings';
  for (const key of ['add', 'remove'] as const) {
    const ops = p[key];
    if (ops !== undefined && (!isRecord(ops) || !Object.values(ops).every((v) => Array.isArray(v) && v.every((x) => typeof x === 'string')))) {
      return `${key}: not an object of string lists`;
    }
  }
  if (p.resolve !== undefined && !(Array.isArray(p.resolve) && p.resolve.every((x) => typeof x === 'string'))) return 'resolve: not a list of field names';
  if (p.dept !== undefined && p.dept !== null && typeof p.dept !== 'string') return 'dept: not a string';
  if (p.text !== undefined && typeof p.text !== 'string') return 'text: not a string';
  return null;
}
