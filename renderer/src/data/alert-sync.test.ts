import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../native/api/ops.ts';
import { patchAlerts } from './alert-patch.ts';
import { createAlertSync } from './alert-sync.ts';

function alert(id: string, over: Partial<Alert> = {}): Alert {
  return {
    id, source: 'field', title: `Alert ${id}`, description: '', severity: 'Moderate', urgency: 'Immediate', certainty: 'Observed', area: null,
    status: 'raised', escalation: 0, dedupeKey: null, occurrences: 1, incidentId: null, raisedAt: 0, raisedBy: 'x', updatedAt: 0, conflicts: 0,
    loud: false, allowedActions: [], queueRank: id, ...over,
  };
}

const ids = (list: readonly Alert[] | null) => (list ?? []).map((a) => a.id);

describe('patchAlerts', () => {
  it('puts changed alerts in queue-rank order, drops gone ones, and leaves the list it was given alone', () => {
    const before = [alert('b'), alert('d'), alert('f')];
    const after = patchAlerts(before, [alert('f', { queueRank: 'a', status: 'acknowledged' }), alert('e')], ['d']);
    expect(ids(after)).toEqual(['f', 'b', 'e']);
    expect(after[0]!.status).toBe('acknowledged');
    expect(ids(before)).toEqual(['b', 'd', 'f']);
  });
});

/** An in-memory stand-in for native's alerts: a change counter, alerts.query and alerts.rows. */
function fakeHost() {
  const alerts = new Map<string, Alert>();
  let seq = 0;
  const calls: string[] = [];
  const pushes: { ids: string[]; seq: number }[] = [];
  return {
    calls,
    pushes,
    put(a: Alert) {
      alerts.set(a.id, a);
      pushes.push({ ids: [a.id], seq: ++seq });
    },
    query: async () => (calls.push('query'), { seq, alerts: [...alerts.values()].sort((a, b) => (a.queueRank < b.queueRank ? -1 : 1)) }),
    rows: async (wanted: string[]) => (calls.push(`rows ${wanted.join(',')}`), { rows: wanted.flatMap((id) => alerts.get(id) ?? []), gone: wanted.filter((id) => !alerts.has(id)) }),
  };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

// The numbered-delta logic itself (gaps, races, bursts, failures) is tested once, in numbered-sync.test.ts.
describe('createAlertSync', () => {
  it('patches only the alerts each numbered push names, without listing them all again', async () => {
    const host = fakeHost();
    host.put(alert('a'));
    let shown: Alert[] | null = null;
    const sync = createAlertSync({ ...host, show: (list) => (shown = list), fail: (m) => expect.fail(m) });
    sync.reload();
    await settle();
    host.put(alert('a', { status: 'acknowledged' }));
    sync.changed(host.pushes[1]!);
    await settle();
    host.put(alert('b'));
    sync.changed(host.pushes[2]!);
    await settle();
    expect(host.calls).toEqual(['query', 'rows a', 'rows b']);
    expect(ids(shown)).toEqual(['a', 'b']);
    expect(shown![0]!.status).toBe('acknowledged');
  });
});
