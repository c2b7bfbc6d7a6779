import type Database from 'better-sqlite3';
import type { z } from 'zod';
import type { CapExport, CapImport, CapRejected } from '../../api/cap.ts';
import { PolderError } from '../../api/errors.ts';
import { opsMethods, type Actor } from '../../api/ops.ts';
import type { Clock } from '../../clock/clock.ts';
import type { KeyedAlert } from '../../ops/commands/alerts.ts';
import { authorize } from '../../ops/permissions.ts';
import type { CallContext, HandlersFor } from '../../rpc/handlers.ts';
import { alertFromCap, capThreadKey } from './alert-from-cap.ts';
import { capFromAlert } from './cap-from-alert.ts';
import type { CapMessage, CapReference } from './cap-message.ts';
import type { CapValidator } from './cap-validate.ts';
import { capXml } from './cap-xml.ts';

type AlertOps = HandlersFor<'alerts.raise' | 'alerts.resolve' | 'alerts.rows' | 'alerts.list'>;

/** The alert queue as the CAP service uses it: its commands, and the keyed update an Update needs. */
export interface CapAlertQueue {
  handlers: AlertOps;
  actor(ctx: CallContext): Actor;
  upsertAlert(by: Actor, alert: KeyedAlert): { id: string; action: 'raised' | 'updated' | 'unchanged' };
}

interface RejectedRow {
  id: number;
  received_at: number;
  origin: string;
  reasons: string;
  bytes: number;
}

/**
 * CAP 1.2 in and out of the alert queue. Export writes the message for an alert now (validated
 * against the schema and the spec's rules before it is recorded); import validates a document,
 * then raises, updates or resolves an alert through the queue (so rights, limits and the log apply
 * as for a person), and keeps a refused document with its reasons.
 */
export function createCapService({ db, validator, queue, clock, sender, areaDesc }: { db: Database.Database; validator: CapValidator; queue: CapAlertQueue; clock: Clock; sender: string; areaDesc: string }) {
  const alerts = queue.handlers;
  const sentFor = db.prepare<[string], CapReference>("SELECT sender, identifier, sent FROM cap_messages WHERE alert_id = ? AND direction = 'out' ORDER BY at, rowid");
  const known = db.prepare<[string, string], { alert_id: string | null }>('SELECT alert_id FROM cap_messages WHERE sender = ? AND identifier = ?');
  const record = db.prepare('INSERT INTO cap_messages (sender, identifier, sent, direction, msg_type, status, alert_id, origin, document, at) VALUES (@sender, @identifier, @sent, @direction, @msgType, @status, @alertId, @origin, @document, @at)');
  const keep = db.prepare<[number, string, string, Buffer]>('INSERT INTO cap_rejected (received_at, origin, reasons, document) VALUES (?, ?, ?, ?)');
  const rejectedRows = db.prepare<[number], RejectedRow>('SELECT id, received_at, origin, reasons, length(document) AS bytes FROM cap_rejected ORDER BY id DESC LIMIT ?');
  // One export at a time: each numbers its message after the ones already sent.
  let exporting: Promise<unknown> = Promise.resolve();

  const save = (message: CapMessage, direction: 'in' | 'out', alertId: string | null, origin: string, document: string) =>
    record.run({ sender: message.sender, identifier: message.identifier, sent: message.sent, direction, msgType: message.msgType, status: message.status, alertId, origin, document, at: clock.now() });

  const reject = (document: Buffer, origin: string, reasons: string[]): CapImport => {
    const { lastInsertRowid } = keep.run(clock.now(), origin, JSON.stringify(reasons), document);
    return { accepted: false, reasons, rejectedId: Number(lastInsertRowid) };
  };

  /** The alert an Update or Cancel is about: one its references name, or its thread's open alert. */
  const referredAlert = async (message: CapMessage, ctx: CallContext): Promise<string | null> => {
    for (const r of message.references) {
      const id = known.get(r.sender, r.identifier)?.alert_id;
      if (id) return id;
    }
    const key = capThreadKey(message);
    return (await alerts['alerts.list']({ status: 'open' }, ctx)).find((a) => a.dedupeKey === key)?.id ?? null;
  };

  /** An Update changes the open alert it refers to (severity, urgency, certainty, headline, area)
   * in place; null when that alert is closed or unknown, and the Update raises one afresh. */
  async function updateReferred(message: CapMessage, args: z.output<(typeof opsMethods)['alerts.raise']['args']>, ctx: CallContext): Promise<string | null> {
    const referred = await referredAlert(message, ctx);
    if (!referred) return null;
    const [alert] = (await alerts['alerts.rows']({ ids: [referred] }, ctx)).rows;
    if (!alert?.dedupeKey || (alert.status !== 'raised' && alert.status !== 'acknowledged')) return null;
    const actor = queue.actor(ctx);
    authorize(actor, 'alert.raise');
    const { title, description, severity, urgency, certainty, area } = args;
    return queue.upsertAlert(actor, { source: alert.source, title, description, severity, urgency, certainty, area, dedupeKey: alert.dedupeKey }).id;
  }

  async function exportAlert(alertId: string, ctx: CallContext): Promise<CapExport> {
    const [alert] = (await alerts['alerts.rows']({ ids: [alertId] }, ctx)).rows;
    if (!alert) throw new PolderError('not_found', `No alert with id "${alertId}"`);
    const message = capFromAlert({ alert, earlier: sentFor.all(alert.id), sender, clock, areaDesc });
    const xml = capXml(message);
    const check = await validator.check(xml);
    if (!check.valid) throw new PolderError('internal', `The CAP message for this alert does not validate: ${check.reasons.join('; ')}`);
    save(message, 'out', alert.id, 'export', xml);
    return { identifier: message.identifier, msgType: message.msgType, status: message.status, xml };
  }

  async function importDocument(document: Buffer, origin: string, ctx: CallContext): Promise<CapImport> {
    const xml = document.toString('utf8');
    const check = await validator.check(xml);
    if (!check.valid) return reject(document, origin, check.reasons);
    const message = check.message;
    if (message.msgType === 'Ack' || message.msgType === 'Error') return reject(document, origin, [`an ${message.msgType} message acknowledges or corrects another; it raises no alert`]);
    const seen = known.get(message.sender, message.identifier);
    if (seen) {
      if (seen.alert_id) return { accepted: true, alertId: seen.alert_id, msgType: message.msgType, duplicate: true };
      return reject(document, origin, [`message ${message.identifier} from ${message.sender} was taken in before and led to no alert`]);
    }
    try {
      if (message.msgType === 'Cancel') {
        const alertId = await referredAlert(message, ctx);
        if (!alertId) return reject(document, origin, ['it cancels a message this alert queue never received, and no open alert is in its thread']);
        const note = `Cancelled by CAP message ${message.identifier} from ${message.sender}`;
        await alerts['alerts.resolve']({ alertId, note }, ctx);
        save(message, 'in', alertId, origin, xml);
        return { accepted: true, alertId, msgType: 'Cancel', duplicate: false };
      }
      const mapped = alertFromCap(message);
      if (!mapped.ok) return reject(document, origin, [mapped.reason]);
      const args = opsMethods['alerts.raise'].args.safeParse(mapped.args);
      if (!args.success) return reject(document, origin, args.error.issues.map((i) => `${i.path.join('.') || 'alert'}: ${i.message}`));
      const updated = message.msgType === 'Update' ? await updateReferred(message, args.data, ctx) : null;
      const alertId = updated ?? (await alerts['alerts.raise'](args.data, ctx)).alert.id;
      save(message, 'in', alertId, origin, xml);
      return { accepted: true, alertId, msgType: message.msgType, duplicate: false };
    } catch (err) {
      // The queue's own refusals (rights, a closed alert) are reasons too; anything else is a fault.
      if (err instanceof PolderError && err.code !== 'internal' && err.code !== 'storage_full' && err.code !== 'storage_corrupt') return reject(document, origin, [err.message]);
      throw err;
    }
  }

  return {
    export(alertId: string, ctx: CallContext): Promise<CapExport> {
      const run = exporting.then(() => exportAlert(alertId, ctx));
      exporting = run.catch(() => undefined);
      return run;
    },
    import: importDocument,
    async validate(xml: string): Promise<{ valid: boolean; reasons: string[] }> {
      const { valid, reasons } = await validator.check(xml);
      return { valid, reasons };
    },
    rejected(limit: number): CapRejected[] {
      return rejectedRows.all(limit).map((r) => ({ id: r.id, receivedAt: r.received_at, origin: r.origin, reasons: JSON.parse(r.reasons) as string[], bytes: r.bytes }));
    },
  };
}

export type CapService = ReturnType<typeof createCapService>;
