// A log with known events at known times (tests): a forecast raising two alerts at t0 + 60 s, a
// gauge warning near the school at t0 + 900 s, acknowledgements by three departments, one draft
// approved with an edit, the other approved or rejected as asked, and a police task on the road.
import type { ForecastAlert, ForecastImpact } from '../api/decide.ts';
import type { Session } from '../rpc/handlers.ts';
import { createForecastStore } from '../decide/forecast-store.ts';
import { createRecommendations } from '../decide/recommendations.ts';
import { testService, t0 } from '../ops/test-service.ts';
import { demoRoster } from '../identity/demo-roster.ts';
import { rowsFromStore } from './read-store.ts';
import { toSource, type AarSource } from './source.ts';

export { t0 };
export const s = 1000;
const school: [number, number] = [151.75, -32.94];
/** About 110 m north of the school. */
const gaugeNearSchool: [number, number] = [151.75, -32.939];
const road: [number, number] = [151.78, -32.96];

const impact = (id: string, name: string, kind: string, lonLat: [number, number], leadSeconds: number): ForecastImpact => ({
  id, name, kind, shape: 'point', lonLat, peakDepth: 0.4, arrivalSeconds: leadSeconds, leadSeconds, hazard: 2, probability: 1,
});

export async function buildTestLog(roadDecision: 'approve' | 'reject'): Promise<{ source: AarSource; dataDir: string; cleanup(): void }> {
  const t = testService();
  const { service: ops, clock } = t;
  const at = (seconds: number) => clock.set(t0 + seconds * s);
  const ctx = (actorId: string): { session: Session } => ({ session: { id: `s-${actorId}`, actorId } });
  const forecasts = createForecastStore(ops.store.db);
  const recommendations = createRecommendations({
    db: ops.store.db,
    clock,
    actor: ops.actor,
    createTask: (args, c) => ops.handlers['tasks.create']({ ...args, dueAt: null, location: null, alertId: null, incidentId: null }, c),
    departments: () => ops.directory.departments.map((d) => d.id),
    activity: ops.logActivity,
    changed() {},
  });

  forecasts.start({ id: 'fc-1', scenario: 'merewether-2007', requestedBy: 'eoc-lead', requestedAt: t0, trigger: 'request', inputs: {} });
  at(60);
  const raise = (asset: string, title: string) =>
    ops.upsertAlert('system', { source: 'model', title, description: '', severity: 'Severe', urgency: 'Expected', certainty: 'Likely', area: null, dedupeKey: `forecast:merewether-2007:${asset}` }).id;
  const schoolAlert = raise('asset-school', 'Creekside school: 0.40 m in 20 min');
  const roadAlert = raise('road-1', 'Llewellyn St: 0.40 m in 10 min');
  const alert = (asset: string, alertId: string, leadSeconds: number): ForecastAlert => ({
    asset, name: asset, peakDepth: 0.4, arrivalSeconds: leadSeconds, leadSeconds, severity: 'Severe', urgency: 'Expected', certainty: 'Likely', probability: 1, alertId, action: 'raised',
  });
  forecasts.end('fc-1', {
    state: 'completed',
    endedAt: t0 + 60 * s,
    impacts: [impact('asset-school', 'Creekside school', 'school', school, 1200), impact('road-1', 'Llewellyn St', 'road', road, 600)],
    alerts: [alert('asset-school', schoolAlert, 1200), alert('road-1', roadAlert, 600)],
  });
  const [schoolDraft, roadDraft] = recommendations.draft('fc-1', [
    { kind: 'protection', target: 'asset-school', department: 'eoc', title: 'Protect Creekside school', description: 'Sandbag', priority: 'high' },
    { kind: 'closure', target: 'road-1', department: 'transport', title: 'Close Llewellyn St', description: 'Detour', priority: 'high' },
  ]);

  at(150);
  await ops.handlers['alerts.acknowledge']({ alertId: schoolAlert }, ctx('eoc-1'));
  at(300);
  await recommendations.handlers['recommendations.approve']({ id: schoolDraft!, priority: 'critical' }, ctx('eoc-lead'));
  at(360);
  await ops.handlers['alerts.acknowledge']({ alertId: roadAlert }, ctx('transport-1'));
  at(480);
  await ops.handlers['tasks.create']({ title: 'Hold traffic at Llewellyn St', description: '', department: 'police', priority: 'high', dueAt: null, location: null, alertId: roadAlert, incidentId: null }, ctx('police-lead'));
  at(660);
  if (roadDecision === 'approve') await recommendations.handlers['recommendations.approve']({ id: roadDraft! }, ctx('transport-lead'));
  else recommendations.handlers['recommendations.reject']({ id: roadDraft!, reason: 'Police already hold the road' }, ctx('transport-lead'));
  at(900);
  const gauge = ops.upsertAlert('system', {
    source: 'sensor', title: 'Mid road gauge: 0.16 m, over the warning level', description: '', severity: 'Moderate', urgency: 'Expected', certainty: 'Observed',
    area: { type: 'Point', coordinates: gaugeNearSchool }, dedupeKey: 'sensor:g-mid:warning',
  }).id;
  at(930);
  await ops.handlers['alerts.acknowledge']({ alertId: gauge }, ctx('works-1'));

  const rows = rowsFromStore(ops.store.db, { from: t0 - 60 * s, to: t0 + 3600 * s }, demoRoster());
  await ops.close();
  return { source: toSource(rows), dataDir: t.dir.dir, cleanup: t.dir.cleanup };
}
