import type { Database } from 'better-sqlite3';
import { PolderError } from '../api/errors.ts';
import type { ReportGroup } from '../api/reports.ts';
import type { Clock } from '../clock/clock.ts';
import type { Logger } from '../logger.ts';
import { change, type OpsCore, type PushSink } from '../ops/core.ts';
import { mayDo } from '../ops/permissions.ts';
import type { SystemAlerts } from '../ops/system-alerts.ts';
import type { CallContext, HandlersFor } from '../rpc/handlers.ts';
import { defaultGrouping, type GroupingRule } from './grouping.ts';
import { defaultReportLimits, parseReport, type Report, type ReportLimits } from './parse-report.ts';
import { depthText, reportAlertDraft } from './report-alert.ts';
import { createReportStore } from './report-store.ts';

export type ReportMethods = 'reports.groups' | 'reports.quarantine' | 'reports.confirm' | 'reports.dismiss';

export interface ReportServiceOptions {
  db: Database;
  clock: Clock;
  push: PushSink;
  logger: Logger;
  /** Where a new group's entry in the alert queue is raised. */
  alerts: Pick<SystemAlerts, 'raise'>;
  /** The operations log: a person's review of a group is an event on its alert. */
  core: Pick<OpsCore, 'actor' | 'entity' | 'write' | 'alertsChanged'>;
  limits?: Partial<ReportLimits>;
  grouping?: GroupingRule;
}

/**
 * Citizen and field reports: every payload is accepted into a group of its place and time or
 * quarantined with its reason (received = accepted + quarantined). A new group raises one entry in
 * the alert queue, at Unknown severity and certainty; nothing else follows from a report until a
 * crisis-room member confirms the group (reports.confirm) or dismisses it (reports.dismiss).
 */
export function createReportService(options: ReportServiceOptions) {
  const { db, clock, push, logger, core } = options;
  const limits: ReportLimits = { ...defaultReportLimits, ...options.limits };
  const grouping = options.grouping ?? defaultGrouping;
  const store = createReportStore(db, grouping);

  /** Accepts or quarantines one payload: the group it joined (`first`: the report that started it), or why it was quarantined. */
  function take(origin: string, raw: Buffer): { groupId: string; first: Report | null } | { reason: string } {
    const at = clock.now();
    const parsed = parseReport(raw, at, limits);
    const refuse = (reason: string) => {
      store.quarantine(at, origin, reason, raw);
      return { reason };
    };
    if (!parsed.ok) return refuse(parsed.reason);
    const { report } = parsed;
    if (store.isDuplicate(report.id)) return refuse(`duplicate: report "${report.id}" was received before`);
    const { groupId, created } = store.accept(report, origin, at, raw);
    return { groupId, first: created ? report : null };
  }

  /** The queue entry of a new group, written after its reports are stored. */
  function raiseFor(groupId: string, first: Report): void {
    try {
      store.setAlert(groupId, options.alerts.raise(reportAlertDraft(groupId, first, grouping)).id);
    } catch (err) {
      logger.error(`the alert queue entry for reports at ${first.lat}, ${first.lon} could not be written`, err);
    }
  }

  // A group stored just before the app stopped gets its queue entry now.
  for (const first of store.unalerted()) raiseFor(first.id, first);

  function changed(ids: Iterable<string>): void {
    push.emit('reports.changed', { ids: [...new Set(ids)], counts: store.counts() });
  }

  function reviewable(groupId: string): ReportGroup & { alertId: string } {
    const group = store.group(groupId);
    if (!group) throw new PolderError('not_found', `No group of reports with id "${groupId}"`);
    if (!group.alertId) throw new PolderError('unavailable', 'These reports have no entry in the alert queue to confirm or dismiss (it could not be written when they arrived)');
    if (group.review !== 'unconfirmed') throw new PolderError('conflict', `These reports were already ${group.review}`);
    return { ...group, alertId: group.alertId };
  }

  const where = (g: ReportGroup) => `${g.location.lat.toFixed(5)}, ${g.location.lon.toFixed(5)}`;
  const howMany = (g: ReportGroup) => `${g.count} report${g.count === 1 ? '' : 's'}`;

  function review(ctx: CallContext, groupId: string, type: 'alert.report_confirmed' | 'alert.report_dismissed', set: (status: string) => Record<string, string | number>, summary: (g: ReportGroup) => string, note?: string): ReportGroup {
    const actor = core.actor(ctx);
    const group = reviewable(groupId);
    const state = core.entity(group.alertId, 'alert', 'alert');
    const status = typeof state.fields.status === 'string' ? state.fields.status : 'raised';
    core.write(actor, [{ type, entity: group.alertId, payload: change(state, { ...set(status), reportCount: group.count }, summary(group), 'eoc', note) }]);
    core.alertsChanged([group.alertId]);
    changed([groupId]);
    return store.group(groupId)!;
  }

  const handlers: HandlersFor<ReportMethods> = {
    'reports.groups': (args, ctx) => ({ groups: store.groups(args.since ?? 0, args.limit), counts: store.counts(), mayReview: ctx.session.actorId !== null && mayDo(core.actor(ctx), 'report.review') }),
    'reports.quarantine': (args) => store.quarantined(args.beforeId ?? Number.MAX_SAFE_INTEGER, args.limit),
    'reports.confirm': (args, ctx) =>
      review(
        ctx,
        args.groupId,
        'alert.report_confirmed',
        (status) => ({ reportReview: 'confirmed', certainty: 'Observed', severity: args.severity, ...(status === 'raised' ? { status: 'acknowledged' } : {}) }),
        (g) => `Public reports confirmed (${args.severity}): ${howMany(g)} of water up to ${depthText({ depthM: g.maxDepthM, category: null })} at ${where(g)}`,
        args.note,
      ),
    'reports.dismiss': (args, ctx) =>
      review(ctx, args.groupId, 'alert.report_dismissed', () => ({ reportReview: 'dismissed', status: 'dismissed' }), (g) => `Public reports dismissed: ${howMany(g)} at ${where(g)}`, args.note),
  };

  return {
    handlers,
    /** One report from MQTT (its topic is the origin). */
    receive(topic: string, payload: Buffer): void {
      const taken = take(topic, payload);
      if ('groupId' in taken && taken.first) raiseFor(taken.groupId, taken.first);
      changed('groupId' in taken ? [taken.groupId] : []);
    },
    /**
     * A JSON Lines file of reports (a gateway's export): each non-blank line is one report,
     * accepted or quarantined with the file and line as its origin.
     */
    importLines(name: string, content: Buffer): { accepted: number; groups: string[]; quarantined: { line: number; reason: string }[] } {
      const groups = new Set<string>();
      const started: [string, Report][] = [];
      const quarantined: { line: number; reason: string }[] = [];
      let accepted = 0;
      // One transaction for the file's reports (a commit per line would wait for the disk per line);
      // the new groups' alerts go into the operations log after it.
      db.transaction(() => {
        let start = 0;
        for (let line = 1; start <= content.length; line++) {
          let end = content.indexOf(0x0a, start);
          if (end < 0) end = content.length;
          const raw = content.subarray(start, content[end - 1] === 0x0d ? end - 1 : end);
          start = end + 1;
          if (raw.toString('utf8').trim().length === 0) continue;
          const taken = take(`file: ${name}:${line}`, raw);
          if ('reason' in taken) {
            quarantined.push({ line, reason: taken.reason });
            continue;
          }
          accepted++;
          groups.add(taken.groupId);
          if (taken.first) started.push([taken.groupId, taken.first]);
        }
      })();
      for (const [groupId, first] of started) raiseFor(groupId, first);
      if (accepted + quarantined.length > 0) changed(groups);
      return { accepted, groups: [...groups], quarantined };
    },
    counts: () => store.counts(),
  };
}

export type ReportService = ReturnType<typeof createReportService>;
