// The standard units are written once per organisation: two nodes that open new logs and sync end
// up with each unit created once, not once per node.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testDeviceKey, testRoster } from '../identity/test-roster.ts';
import { startMosquitto, type Mosquitto } from '../mqtt/test-broker.ts';
import { defaultUnits } from '../ops/directory.ts';
import { seedsUnits } from '../ops/service.ts';
import { converged, testNodes, type TestNode } from './test-nodes.ts';

let broker: Mosquitto;
let nodes: TestNode[] = [];
beforeAll(async () => {
  broker = await startMosquitto();
});
afterAll(() => broker.stop());
afterEach(async () => {
  await Promise.all(nodes.map((n) => n.close()));
  nodes = [];
});

describe('seeding the standard units', () => {
  it('happens once per organisation: two new nodes that sync hold each unit once, created by one event', async () => {
    nodes = testNodes(2, { org: 'seed' });
    const [a, b] = nodes as [TestNode, TestNode];
    const unitEvents = (n: TestNode) => n.service.store.db.prepare<[], { entity: string; origin: string }>("SELECT entity, origin FROM events WHERE type = 'unit.created' ORDER BY entity").all();
    expect(unitEvents(a).length).toBeGreaterThan(0);
    expect(unitEvents(b)).toEqual([]);

    nodes.forEach((n) => n.connect([broker.url]));
    await converged(nodes);
    for (const n of nodes) {
      const events = unitEvents(n);
      expect(new Set(events.map((e) => e.entity)).size).toBe(events.length);
      expect(new Set(events.map((e) => e.origin))).toEqual(new Set(['dev_a']));
      expect(n.service.store.db.prepare("SELECT count(*) FROM conflicts").pluck().get()).toBe(0);
    }
    const names = (n: TestNode) => n.service.store.db.prepare<[], string>("SELECT id FROM entities WHERE kind = 'unit' ORDER BY id").pluck().all();
    expect(names(b)).toEqual(names(a));
    expect(names(a).length).toBe(unitEvents(a).length);
    expect(a.digest()).toBe(b.digest());
  });

  it('is done by the roster’s first enrolled workstation (not a revoked one), or by a device the roster does not list', () => {
    const device = (id: string, kind: 'workstation' | 'field-laptop', revoked = false) => ({ id, publicKey: testDeviceKey(id).publicKey, kind, revoked });
    const { roster } = testRoster([device('dev_lost', 'workstation', true), device('dev_field', 'field-laptop'), device('dev_eoc', 'workstation'), device('dev_eoc2', 'workstation')]);
    expect(['dev_lost', 'dev_field', 'dev_eoc', 'dev_eoc2', 'dev_elsewhere'].filter((id) => seedsUnits(roster, id))).toEqual(['dev_eoc', 'dev_elsewhere']);
    const { roster: laptops } = testRoster([device('dev_f1', 'field-laptop'), device('dev_f2', 'field-laptop')]);
    expect(['dev_f1', 'dev_f2'].filter((id) => seedsUnits(laptops, id))).toEqual(['dev_f1']);
    expect(defaultUnits.length).toBeGreaterThan(0);
  });
});
