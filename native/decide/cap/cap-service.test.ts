import { afterEach, describe, expect, it } from 'vitest';
import type { Session } from '../../rpc/handlers.ts';
import { repoPaths } from '../../paths.ts';
import { testService } from '../../ops/test-service.ts';
import { createCapService } from './cap-service.ts';
import { createCapValidator } from './cap-validate.ts';
import { readCapXml } from './cap-xml.ts';

const validator = createCapValidator(repoPaths.resources);
const lead: Session = { id: 's-lead', actorId: 'eoc-lead' };
const ctx = { session: lead };
const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((t) => t.close()));
});

/** A real ops store with the CAP service over it, as the app composes them. */
function node(sender: string, mode: 'live' | 'exercise' = 'exercise') {
  const t = testService();
  opened.push(t);
  const clock = { now: () => t.clock.now(), mode };
  const cap = createCapService({ db: t.service.store.db, validator, queue: t.service, clock, sender, areaDesc: 'Merewether, Newcastle NSW' });
  return { ...t, cap };
}

// A flooded block of Merewether (lon, lat), closed.
const block: [number, number][] = [
  [151.7401, -32.9431],
  [151.7422, -32.9431],
  [151.7422, -32.9448],
  [151.7401, -32.9448],
  [151.7401, -32.9431],
];

describe('CAP 1.2 export and import', () => {
  it('round trip: the exported alert validates against the schema and imports as the same alert elsewhere', async () => {
    const eoc = node('dev_a@polder');
    const { alert } = await eoc.as('eoc-lead')('alerts.raise', {
      source: 'model',
      title: 'Glebe Rd underpass: 0.6 m & rising <fast>',
      description: 'Depth over 0.5 m at the underpass; close it to traffic.',
      severity: 'Extreme',
      urgency: 'Immediate',
      certainty: 'Likely',
      area: { type: 'Polygon', coordinates: [block] },
    });
    const exported = await eoc.cap.export(alert.id, ctx);
    expect(exported).toMatchObject({ msgType: 'Alert', status: 'Exercise' });
    expect(await validator.check(exported.xml)).toMatchObject({ valid: true, reasons: [] });
    const message = readCapXml(exported.xml);
    expect(message.sent).toBe('2026-11-21T14:00:00-00:00');
    expect(message.note).toMatch(/^Exercise/);
    // WGS 84 "lat,lon" order: latitude (about -32.9) first.
    expect(exported.xml).toContain('<polygon>-32.9431,151.7401 -32.9431,151.7422 -32.9448,151.7422 -32.9448,151.7401 -32.9431,151.7401</polygon>');

    const neighbour = node('dev_b@polder');
    const taken = await neighbour.cap.import(Buffer.from(exported.xml), 'file: glebe.xml', ctx);
    expect(taken).toMatchObject({ accepted: true, msgType: 'Alert', duplicate: false });
    const [copy] = (await neighbour.as('eoc-lead')('alerts.rows', { ids: [(taken as { alertId: string }).alertId] })).rows;
    expect(copy).toMatchObject({ source: 'cap', title: alert.title, description: alert.description, severity: 'Extreme', urgency: 'Immediate', certainty: 'Likely', area: { type: 'Polygon', coordinates: [block] } });
    // The same message again changes nothing.
    expect(await neighbour.cap.import(Buffer.from(exported.xml), 'file: glebe.xml', ctx)).toMatchObject({ accepted: true, duplicate: true, alertId: copy!.id });
    expect((await neighbour.as('eoc-lead')('alerts.list', { status: 'all' })).length).toBe(1);
  });

  it('an Update and a Cancel name every earlier message; the receiver updates its alert in place and resolves it on the cancel', async () => {
    const eoc = node('dev_a@polder', 'live');
    const keyed = { source: 'model' as const, title: 'Manhole lifted, Scott St', description: '', severity: 'Moderate' as const, urgency: 'Expected' as const, certainty: 'Observed' as const, area: { type: 'Point' as const, coordinates: [151.741, -32.944] as [number, number] }, dedupeKey: 'forecast:scott-st' };
    const { id: alertId } = eoc.service.upsertAlert('system', keyed);
    const alert = { id: alertId };
    const first = await eoc.cap.export(alert.id, ctx);
    eoc.clock.advance(60_000);
    // the sender's forecast worsens: severity, urgency, headline and area change
    expect(eoc.service.upsertAlert('system', { ...keyed, title: 'Scott St flooding, 0.6 m', severity: 'Severe', urgency: 'Immediate', certainty: 'Likely', area: { type: 'Polygon', coordinates: [block] } }).action).toBe('updated');
    const update = await eoc.cap.export(alert.id, ctx);
    await eoc.as('eoc-lead')('alerts.resolve', { alertId: alert.id, note: 'Lid replaced' });
    eoc.clock.advance(60_000);
    const cancel = await eoc.cap.export(alert.id, ctx);
    expect([first.msgType, update.msgType, cancel.msgType]).toEqual(['Alert', 'Update', 'Cancel']);
    expect(first.status).toBe('Actual');
    expect(readCapXml(first.xml).note).toBeNull();
    expect(readCapXml(update.xml).references).toEqual([{ sender: 'dev_a@polder', identifier: first.identifier, sent: '2026-11-21T14:00:00-00:00' }]);
    expect(readCapXml(cancel.xml).references.map((r) => r.identifier)).toEqual([first.identifier, update.identifier]);
    expect(cancel.xml).toContain(`<references>dev_a@polder,${first.identifier},2026-11-21T14:00:00-00:00 dev_a@polder,${update.identifier},2026-11-21T14:01:00-00:00</references>`);
    for (const m of [first, update, cancel]) expect((await validator.check(m.xml)).valid).toBe(true);

    const neighbour = node('dev_b@polder');
    const raised = await neighbour.cap.import(Buffer.from(first.xml), 'mqtt', ctx);
    const updated = await neighbour.cap.import(Buffer.from(update.xml), 'mqtt', ctx);
    expect(updated).toMatchObject({ accepted: true, msgType: 'Update', alertId: (raised as { alertId: string }).alertId });
    const [grouped] = (await neighbour.as('eoc-lead')('alerts.rows', { ids: [(raised as { alertId: string }).alertId] })).rows;
    expect(grouped).toMatchObject({ occurrences: 1, status: 'raised', source: 'cap', title: 'Scott St flooding, 0.6 m', severity: 'Severe', urgency: 'Immediate', certainty: 'Likely', area: { type: 'Polygon', coordinates: [block] } });
    expect(await neighbour.as('eoc-lead')('alerts.list', { status: 'all' })).toHaveLength(1);
    expect(await neighbour.cap.import(Buffer.from(cancel.xml), 'mqtt', ctx)).toMatchObject({ accepted: true, msgType: 'Cancel', alertId: grouped!.id });
    const [closed] = (await neighbour.as('eoc-lead')('alerts.rows', { ids: [grouped!.id] })).rows;
    expect(closed!.status).toBe('resolved');
  });

  it('refuses malformed CAP with reasons a person reads, and keeps every refused document as received', async () => {
    const eoc = node('dev_a@polder');
    const { alert } = await eoc.as('eoc-lead')('alerts.raise', { source: 'field', title: 'Water over Glebe Rd', severity: 'Severe', urgency: 'Immediate', certainty: 'Observed', area: { type: 'Polygon', coordinates: [block] } });
    const good = (await eoc.cap.export(alert.id, ctx)).xml;
    const receiver = node('dev_b@polder');
    const cases: [string, string | Buffer, RegExp][] = [
      ['not XML', 'this is not XML at all', /not well-formed XML|Start tag expected/],
      ['an unknown severity', good.replace('<severity>Severe</severity>', '<severity>Catastrophic</severity>'), /line \d+: Element 'severity': \[facet 'enumeration'\] The value 'Catastrophic'/],
      ['a polygon not closed', good.replace(/ -32\.9431,151\.7401<\/polygon>/, ' -32.9440,151.7401</polygon>'), /polygon 1 is not closed/],
      ['lon,lat order', good.replace('-32.9431,151.7401 -32.9431,151.7422', '151.7401,-32.9431 -32.9431,151.7422'), /looks like longitude,latitude; CAP \(WGS 84\) writes latitude first/],
      ['an Update with no references', good.replace('<msgType>Alert</msgType>', '<msgType>Update</msgType>'), /must name the earlier message\(s\) it refers to in <references>/],
      ['references that are not triples', good.replace('</note>', '</note>\n  <references>dev_a@polder,only-two</references>'), /"dev_a@polder,only-two" is not a "sender,identifier,sent" triple/],
      ['a DOCTYPE', good.replace('<alert', '<!DOCTYPE alert [<!ENTITY a "aaaa">]>\n<alert'), /DOCTYPE/],
      ['an external entity (XXE)', good.replace('<alert', '<!DOCTYPE alert [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<alert').replace('<description>', '<description>&x;'), /^the document declares a DOCTYPE, which CAP never needs; refused$/],
      ['bytes that are not UTF-8', Buffer.from([0xff, 0xfe, 0x00, 0x3c]), /./],
    ];
    for (const [what, document, reason] of cases) {
      const bytes = typeof document === 'string' ? Buffer.from(document) : document;
      const result = await receiver.cap.import(bytes, `file: ${what}.xml`, ctx);
      expect(result.accepted, what).toBe(false);
      if (result.accepted) continue;
      expect(result.reasons.join('\n'), what).toMatch(reason);
      const kept = receiver.service.store.db.prepare('SELECT origin, reasons, document FROM cap_rejected WHERE id = ?').get(result.rejectedId) as { origin: string; reasons: string; document: Buffer };
      expect(kept.origin).toBe(`file: ${what}.xml`);
      expect(JSON.parse(kept.reasons)).toEqual(result.reasons);
      expect(kept.document.equals(bytes), what).toBe(true);
    }
    expect(await receiver.as('eoc-lead')('alerts.list', { status: 'all' })).toEqual([]);
    expect(receiver.cap.rejected(100).map((r) => r.origin)).toEqual(cases.map(([what]) => `file: ${what}.xml`).reverse());
  });

  it('refuses an import by someone who may not raise alerts, keeping the document', async () => {
    const eoc = node('dev_a@polder');
    const { alert } = await eoc.as('eoc-lead')('alerts.raise', { source: 'field', title: 'Water over Glebe Rd', severity: 'Severe', urgency: 'Immediate', certainty: 'Observed' });
    const xml = (await eoc.cap.export(alert.id, ctx)).xml;
    const receiver = node('dev_b@polder');
    const result = await receiver.cap.import(Buffer.from(xml), 'upload', { session: { id: 's-obs', actorId: 'observer' } });
    expect(result).toMatchObject({ accepted: false, reasons: [expect.stringMatching(/observer|may not|not allowed/i)] });
  });
});
