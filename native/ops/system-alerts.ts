import type { Alert } from '../api/ops.ts';
import { change, type OpsCore } from './core.ts';
import { maxEscalation } from './rights.ts';
import { uuidv7 } from './uuid.ts';

export interface SystemAlertDraft {
  source: Alert['source'];
  title: string;
  description: string;
  severity: Alert['severity'];
  urgency: Alert['urgency'];
  certainty: Alert['certainty'];
  area: Alert['area'];
  /** One open alert per key: a sensor and a level, say. */
  dedupeKey: string;
}

/** An open (raised or acknowledged) alert with this key. */
export interface OpenSystemAlert {
  id: string;
  escalation: number;
}

/**
 * Alerts raised, escalated and resolved by the app itself (sensor thresholds, a silent sensor),
 * written in the operations log as the system, like every other alert change.
 */
export function createSystemAlerts(core: OpsCore) {
  const openByKey = core.db.prepare<[string], { id: string; escalation: number | null }>(
    "SELECT id, json_extract(state, '$.escalation') AS escalation FROM entities WHERE kind = 'alert' AND created = 1 AND json_extract(state, '$.dedupeKey') = ? AND json_extract(state, '$.status') IN ('raised', 'acknowledged') ORDER BY id DESC LIMIT 1",
  );
  const titleOf = (id: string) => String(core.entity(id, 'alert', 'alert').fields.title ?? '');
  return {
    open(dedupeKey: string): OpenSystemAlert | null {
      const row = openByKey.get(dedupeKey);
      return row ? { id: row.id, escalation: row.escalation ?? 0 } : null;
    },
    /** Raises the alert unless one with its key is open; returns the open one's id either way. */
    raise(draft: SystemAlertDraft): { id: string; raised: boolean } {
      const same = openByKey.get(draft.dedupeKey);
      if (same) return { id: same.id, raised: false };
      const id = uuidv7(core.now());
      core.write('system', [
        {
          type: 'alert.raised',
          entity: id,
          payload: {
            create: true,
            set: { ...draft, status: 'raised', escalation: 0, occurrences: 1, incidentId: null, raisedAt: core.now(), raisedBy: 'system' },
            summary: `Alert raised (${draft.severity}, ${draft.source}): ${draft.title}`,
            dept: 'eoc',
          },
        },
      ]);
      core.alertsChanged([id]);
      return { id, raised: true };
    },
    escalate(id: string, level: number, note: string): void {
      const state = core.entity(id, 'alert', 'alert');
      const to = Math.min(level, maxEscalation);
      core.write('system', [{ type: 'alert.escalated', entity: id, payload: change(state, { escalation: to }, `Alert escalated to level ${to}: ${titleOf(id)}`, 'eoc', note) }]);
      core.alertsChanged([id]);
    },
    resolve(id: string, note: string): void {
      const state = core.entity(id, 'alert', 'alert');
      core.write('system', [{ type: 'alert.resolved', entity: id, payload: change(state, { status: 'resolved' }, `Alert resolved: ${titleOf(id)}`, 'eoc', note) }]);
      core.alertsChanged([id]);
    },
  };
}

export type SystemAlerts = ReturnType<typeof createSystemAlerts>;
