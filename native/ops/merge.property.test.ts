import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventHash, type EventPayload, type OpsEvent } from './event.ts';
import { createHlcState, hlcNow, type HlcState } from './hlc.ts';
import { createProjector, dumpProjections, verifyProjections } from './projector.ts';
import { memoryLog } from './test-db.ts';
import { uuidv7 } from './uuid.ts';

const origins = ['dev.a', 'dev.b', 'dev.c'];
const entities = [
  { id: 'task-1', kind: 'task' },
  { id: 'task-2', kind: 'task' },
  { id: 'alert-1', kind: 'alert' },
  { id: 'incident-1', kind: 'incident' },
];
const valuesFor: Record<string, Record<string, unknown[]>> = {
  task: { title: ['Pump A', 'Pump B', 'Close road'], status: ['new', 'assigned', 'in_progress', 'blocked', 'done', 'cancelled'], priority: ['low', 'high'] },
  alert: { status: ['raised', 'acknowledged', 'resolved', 'dismissed'], escalation: [0, 1, 2, 3], title: ['Level high', 'Level critical'] },
  incident: { phase: ['monitoring', 'response', 'recovery', 'closed'], name: ['Flood', 'Storm'] },
};

const op = fc.record({
  origin: fc.nat(2),
  entity: fc.nat(entities.length - 1),
  field: fc.nat(2),
  value: fc.nat(5),
  wallStep: fc.nat(2),
  knowsLatest: fc.boolean(),
  /** When not the latest: a stale version the author's screen showed (any device, this one too), or none. */
  staleSeen: fc.boolean(),
  resolves: fc.nat(4),
  setEdit: fc.record({ add: fc.boolean(), dept: fc.constantFrom('fire', 'police', 'eoc') }),
});

/** Builds valid chained events from a list of random ops, as three devices editing concurrently would. */
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

function buildEvents(ops: Op[]): OpsEvent[] {
  const clocks: HlcState[] = origins.map((o) => createHlcState(o));
  const heads = origins.map(() => ({ seq: 0, hash: '' }));
  const walls = origins.map((_, i) => 1_000_000 + i);
  const created = new Set<string>();
  const written: Record<string, string[]> = {};
  return ops.map((o) => {
    const origin = origins[o.origin]!;
    const entity = entities[o.entity]!;
    walls[o.origin]! += o.wallStep;
    const hlc = hlcNow(clocks[o.origin]!, walls[o.origin]!);
    const fields = Object.keys(valuesFor[entity.kind]!);
    const field = fields[o.field % fields.length]!;
    const options = valuesFor[entity.kind]![field]!;
    const key = `${entity.id}.${field}`;
    const seen = written[key] ?? [];
    const payload: EventPayload = { summary: `${entity.kind} ${field}`, set: { [field]: options[o.value % options.length] as string } };
    const createKey = `${origin}:${entity.id}`;
    if (!created.has(createKey)) {
      created.add(createKey);
      payload.create = true;
    }
    if (o.knowsLatest && seen.length > 0) payload.base = { [field]: seen[seen.length - 1]! };
    else if (o.staleSeen && seen.length > 1) payload.base = { [field]: seen[0]! };
    if (o.resolves === 0 && payload.base) payload.resolve = [field];
    if (entity.kind === 'incident') payload[o.setEdit.add ? 'add' : 'remove'] = { departments: [o.setEdit.dept] };
    written[key] = [...seen, hlc].sort();
    const head = heads[o.origin]!;
    const unsigned = { id: uuidv7(walls[o.origin]!), origin, seq: head.seq + 1, hlc, actor: `${origin}-actor`, type: `${entity.kind}.updated`, entity: entity.id, payload, prevHash: head.hash };
    const ev: OpsEvent = { ...unsigned, hash: eventHash(unsigned), sig: null };
    heads[o.origin] = { seq: ev.seq, hash: ev.hash };
    return ev;
  });
}

function applyInBatches(events: OpsEvent[], order: number[], batchSizes: number[]) {
  const { db, log } = memoryLog();
  const shuffled = order.map((i) => events[i]!);
  let at = 0;
  let b = 0;
  while (at < shuffled.length) {
    const size = Math.max(1, batchSizes[b++ % batchSizes.length]!);
    const result = log.applyRemoteEvents(shuffled.slice(at, at + size));
    expect(result.rejected).toEqual([]);
    at += size;
  }
  return db;
}

describe('merging concurrent events from three devices', () => {
  it('gives identical projections and conflict records whatever the arrival order, and equals a rebuild', () => {
    let runsWithConflicts = 0;
    let runsWithResolutions = 0;
    fc.assert(
      fc.property(
        fc.array(op, { minLength: 1, maxLength: 40 }).chain((ops) =>
          fc.tuple(
            fc.constant(ops),
            fc.shuffledSubarray([...ops.keys()], { minLength: ops.length, maxLength: ops.length }),
            fc.shuffledSubarray([...ops.keys()], { minLength: ops.length, maxLength: ops.length }),
            fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 5 }),
          ),
        ),
        ([ops, orderA, orderB, batches]) => {
          const events = buildEvents(ops);
          const inOrder = applyInBatches(events, [...events.keys()], [events.length]);
          const a = applyInBatches(events, orderA, batches);
          const b = applyInBatches(events, orderB, [1]);
          const expected = dumpProjections(inOrder);
          expect(dumpProjections(a)).toEqual(expected);
          expect(dumpProjections(b)).toEqual(expected);
          if (expected.conflicts.length > 0) runsWithConflicts++;
          if (events.some((e) => e.payload.resolve)) runsWithResolutions++;
          expect(verifyProjections(b).ok).toBe(true);
          createProjector(a).rebuild();
          expect(dumpProjections(a)).toEqual(expected);
          return true;
        },
      ),
      { seed: 20071108, numRuns: 150 },
    );
    // The generator must actually produce concurrent overrides, or the test proves nothing.
    expect(runsWithConflicts).toBeGreaterThan(20);
    expect(runsWithResolutions).toBeGreaterThan(20);
  });
});

describe('taking projections back to an earlier point of the log (a replay seeking back)', () => {
  it('refolding only the entities later events touched equals folding the log up to that point', () => {
    let cutsWithConflicts = 0;
    fc.assert(
      fc.property(
        fc.array(op, { minLength: 1, maxLength: 40 }).chain((ops) => fc.tuple(fc.constant(ops), fc.nat(ops.length - 1))),
        ([ops, cut]) => {
          const events = buildEvents(ops);
          const sorted = [...events].sort((x, y) => (x.hlc < y.hlc ? -1 : x.hlc > y.hlc ? 1 : 0));
          const before = sorted[cut]!.hlc;
          const whole = applyInBatches(events, [...events.keys()], [events.length]);
          createProjector(whole).rewind(before, sorted.filter((e) => e.hlc >= before).map((e) => e.entity));
          const prefix = applyInBatches(events, [...events.keys()], [events.length]);
          createProjector(prefix).rebuild(before);
          const expected = dumpProjections(prefix);
          if (expected.conflicts.length > 0) cutsWithConflicts++;
          expect(dumpProjections(whole)).toEqual(expected);
          return true;
        },
      ),
      { seed: 20070608, numRuns: 150 },
    );
    expect(cutsWithConflicts).toBeGreaterThan(10);
  });
});
