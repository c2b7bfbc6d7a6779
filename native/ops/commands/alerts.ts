import { PolderError } from '../../api/errors.ts';
import type { HandlersFor } from '../../rpc/handlers.ts';
import type { Actor, Alert } from '../../api/ops.ts';
import { alertDedupeKey } from '../alert-dedupe.ts';
import { canonicalJson } from '../canonical-json.ts';
import { change, type OpsCore } from '../core.ts';
import { authorize, refuse } from '../permissions.ts';
import { alertRefusal, isOpenAlert as open, maxEscalation } from '../rights.ts';
import { uuidv7 } from '../uuid.ts';

type AlertMethods = 'alerts.list' | 'alerts.query' | 'alerts.rows' | 'alerts.raise' | 'alerts.acknowledge' | 'alerts.escalate' | 'alerts.resolve' | 'alerts.dismiss';

/** The queue's order: most severe first, then most escalated, then newest (see alertQueueRank). */
export function alertQueueOrder(a: Pick<Alert, 'queueRank'>, b: Pick<Alert, 'queueRank'>): number {
  return a.queueRank < b.queueRank ? -1 : a.queueRank > b.queueRank ? 1 : 0;
}

/** An alert a model keeps current (a forecast's, per asset): its key names the place and cause. */
export type KeyedAlert = Pick<Alert, 'source' | 'title' | 'description' | 'severity' | 'urgency' | 'certainty' | 'area'> & { dedupeKey: string };

/**
 * Raises the alert, or, while one with the same key is still open, updates that one where the
 * model's view of it changed (a newer forecast): one alert per place and cause, never a second.
 */
export function upsertKeyedAlert(core: OpsCore, by: Actor | 'system', alert: KeyedAlert): { id: string; action: 'raised' | 'updated' | 'unchanged' } {
  const dept = by === 'system' ? 'eoc' : by.department;
  const openId = core.db
    .prepare<[string], string>("SELECT id FROM alerts_view WHERE dedupe_key = ? AND status IN ('raised', 'acknowledged') ORDER BY raised_at DESC LIMIT 1")
    .pluck()
    .get(alert.dedupeKey);
  if (openId) {
    const state = core.entity(openId, 'alert', 'alert');
    const wanted = { title: alert.title, description: alert.description, severity: alert.severity, urgency: alert.urgency, certainty: alert.certainty, area: alert.area };
    const set = Object.fromEntries(Object.entries(wanted).filter(([k, v]) => canonicalJson(state.fields[k] ?? null) !== canonicalJson(v ?? null)));
    if (Object.keys(set).length === 0) return { id: openId, action: 'unchanged' };
    core.write(by, [{ type: 'alert.updated', entity: openId, payload: change(state, set, `Alert updated (${alert.severity}, ${alert.urgency}): ${alert.title}`, dept) }]);
    core.alertsChanged([openId]);
    return { id: openId, action: 'updated' };
  }
  const id = uuidv7(core.now());
  core.write(by, [
    {
      type: 'alert.raised',
      entity: id,
      payload: {
        create: true,
        set: {
          ...alert, status: 'raised', escalation: 0, occurrences: 1, incidentId: null, raisedAt: core.now(), raisedBy: by === 'system' ? 'system' : by.id,
        },
        summary: `Alert raised (${alert.severity}, ${alert.source}): ${alert.title}`,
        dept,
      },
    },
  ]);
  core.alertsChanged([id]);
  return { id, action: 'raised' };
}

export function alertHandlers(core: OpsCore): HandlersFor<AlertMethods> {
  const read = (id: string, actor: Actor): Alert => {
    const alert = core.views.alert(id, actor);
    if (!alert) throw new PolderError('not_found', `No alert with id "${id}"`);
    return alert;
  };
  const changed = (id: string, actor: Actor) => {
    core.alertsChanged([id]);
    return read(id, actor);
  };
  /** Throws the refusal the alert's allowedActions are computed from. */
  const check = (actor: Actor, alert: Alert, action: Parameters<typeof alertRefusal>[2]) => refuse(alertRefusal(actor, alert, action));

  /** Moves an open alert to a new status (acknowledged, resolved, dismissed). */
  function settle(alertId: string, to: 'acknowledged' | 'resolved' | 'dismissed', note: string | undefined, ctx: Parameters<OpsCore['actor']>[0]) {
    const actor = core.actor(ctx);
    authorize(actor, to === 'acknowledged' ? 'alert.acknowledge' : 'alert.manage');
    const alert = read(alertId, actor);
    check(actor, alert, to === 'acknowledged' ? 'acknowledge' : to === 'resolved' ? 'resolve' : 'dismiss');
    const state = core.entity(alertId, 'alert', 'alert');
    const type = to === 'acknowledged' ? 'alert.acknowledged' : to === 'resolved' ? 'alert.resolved' : 'alert.dismissed';
    core.write(actor, [{ type, entity: alertId, payload: change(state, { status: to }, `Alert ${to}: ${alert.title}`, actor.department, note) }]);
    return changed(alertId, actor);
  }

  return {
    'alerts.list'(args, ctx) {
      const all = core.views.alerts(core.actor(ctx)).sort(alertQueueOrder);
      return args.status === 'open' ? all.filter(open) : all;
    },

    'alerts.query'(_args, ctx) {
      const actor = core.actor(ctx);
      return { seq: core.alertSeq(), alerts: core.views.alerts(actor).sort(alertQueueOrder) };
    },

    'alerts.rows'(args, ctx) {
      const actor = core.actor(ctx);
      const wanted = [...new Set(args.ids)];
      const rows = wanted.map((id) => core.views.alert(id, actor)).filter((a): a is Alert => a !== null);
      const found = new Set(rows.map((a) => a.id));
      return { rows, gone: wanted.filter((id) => !found.has(id)) };
    },

    'alerts.raise'(args, ctx) {
      const actor = core.actor(ctx);
      authorize(actor, 'alert.raise');
      if (args.incidentId) core.entity(args.incidentId, 'incident', 'incident');
      const dedupeKey = alertDedupeKey(args);
      if (dedupeKey) {
        const same = core.views.alerts(actor).find((a) => a.dedupeKey === dedupeKey && open(a));
        if (same) {
          const state = core.entity(same.id, 'alert', 'alert');
          const summary = `Alert repeated (${same.occurrences + 1}×): ${same.title}`;
          core.write(actor, [{ type: 'alert.repeated', entity: same.id, payload: change(state, { occurrences: same.occurrences + 1 }, summary, actor.department) }]);
          return { alert: changed(same.id, actor), deduplicated: true };
        }
      }
      const id = uuidv7(core.now());
      core.write(actor, [
        {
          type: 'alert.raised',
          entity: id,
          payload: {
            create: true,
            set: {
              source: args.source, title: args.title, description: args.description, severity: args.severity, urgency: args.urgency,
              certainty: args.certainty, area: args.area, status: 'raised', escalation: 0, dedupeKey, occurrences: 1,
              incidentId: args.incidentId, raisedAt: core.now(), raisedBy: actor.id,
            },
            summary: `Alert raised (${args.severity}, ${args.source}): ${args.title}`,
            dept: actor.department,
          },
        },
      ]);
      return { alert: changed(id, actor), deduplicated: false };
    },

    'alerts.acknowledge': (args, ctx) => settle(args.alertId, 'acknowledged', args.note, ctx),
    'alerts.resolve': (args, ctx) => settle(args.alertId, 'resolved', args.note, ctx),
    'alerts.dismiss': (args, ctx) => settle(args.alertId, 'dismissed', args.note, ctx),

    'alerts.escalate'(args, ctx) {
      const actor = core.actor(ctx);
      authorize(actor, 'alert.manage');
      const alert = read(args.alertId, actor);
      check(actor, alert, 'escalate');
      const level = args.level ?? alert.escalation + 1;
      if (level <= alert.escalation || level > maxEscalation) {
        throw new PolderError('illegal_transition', `Alert "${alert.title}" is at escalation ${alert.escalation}; it can only go up, to at most ${maxEscalation}`);
      }
      const state = core.entity(alert.id, 'alert', 'alert');
      core.write(actor, [{ type: 'alert.escalated', entity: alert.id, payload: change(state, { escalation: level }, `Alert escalated to level ${level}: ${alert.title}`, actor.department, args.note) }]);
      return changed(alert.id, actor);
    },
  };
}
