import { afterEach, describe, expect, it } from 'vitest';
import { observationsTopic } from './payload.ts';
import { testSensors } from './test-sensors.ts';

let t: ReturnType<typeof testSensors>;
afterEach(async () => {
  await t?.close();
});

describe('the sensor service', () => {
  it('seeds the registry from the pack and lets a manager edit it', async () => {
    t = testSensors();
    const list = await t.sensors.handlers['sensors.list']({}, { session: { id: 's', actorId: 'eoc-lead' } });
    expect(list.map((s) => [s.id, s.kind, s.unit.symbol])).toEqual([
      ['g-inlet', 'water-level', 'm'],
      ['g-midroad', 'water-level', 'm'],
      ['g-outlet', 'water-level', 'm'],
      ['g-rain', 'rain-intensity', 'mm/h'],
    ]);
    const edited = await t.sensors.handlers['sensors.update']({ sensorId: 'g-inlet', thresholds: { warning: 0.2, danger: 0.5 } }, { session: { id: 's', actorId: 'eoc-lead' } });
    expect(edited).toMatchObject({ source: 'edited', thresholds: { warning: 0.2, danger: 0.5 } });
    expect(t.pushes.some((p) => p.event === 'sensors.changed')).toBe(true);
  });

  it('takes a message at the time it was received (a replay re-publishing it), and forgets everything on reset', async () => {
    t = testSensors();
    const received = t.clock.now() - 600_000;
    t.sensors.receive('polder/v1/observations', Buffer.from(JSON.stringify({ ds: 'g-inlet', t: received - 1000, v: 0.12 })), received);
    t.sensors.receive('polder/v1/observations', Buffer.from('nope'), received + 1);
    t.sensors.flush();
    expect(t.ops.service.store.db.prepare('SELECT received_at FROM sensor_readings').pluck().all()).toEqual([received]);
    expect(t.sensors.counts()).toEqual({ received: 2, accepted: 1, quarantined: 1 });
    t.sensors.reset();
    expect([t.count('sensor_readings'), t.count('sensor_quarantine'), t.count('sensor_counts'), t.count('sensor_summaries')]).toEqual([0, 0, 0, 0]);
    expect(t.sensors.counts()).toEqual({ received: 0, accepted: 0, quarantined: 0 });
    expect(await t.sensors.handlers['sensors.latest']({}, { session: { id: 's', actorId: 'eoc-lead' } })).toEqual([]);
  });

  it('stores each batch at once and keeps received = accepted + quarantined, rows and counts alike', async () => {
    t = testSensors();
    const start = t.clock.now() - 3600_000;
    for (let i = 0; i < 300; i++) t.send('g-inlet', 0.1 + (i % 7) / 1000, start + i * 1000);
    t.send('g-inlet', 0.1, start); // out of order
    t.send('g-nowhere', 0.1);
    t.sensors.receive(observationsTopic('g-midroad'), Buffer.from('not json'));
    t.sensors.receive('v1.1/Sensors(1)/Observations', Buffer.from('{}'));
    expect(t.count('sensor_readings')).toBe(0);
    t.sensors.flush();
    expect(t.count('sensor_readings')).toBe(300);
    expect(t.count('sensor_quarantine')).toBe(4);
    expect(t.sensors.counts()).toEqual({ received: 304, accepted: 300, quarantined: 4 });
    const health = await t.sensors.handlers['sensors.health']({}, { session: { id: 's', actorId: 'eoc-lead' } });
    expect(health.counts).toEqual({ received: 304, accepted: 300, quarantined: 4 });
    expect(health.sensors.find((s) => s.sensorId === 'g-midroad')!.counts).toEqual({ received: 1, accepted: 0, quarantined: 1 });
    const quarantine = await t.sensors.handlers['sensors.quarantine']({ limit: 10 }, { session: { id: 's', actorId: 'eoc-lead' } });
    expect(quarantine.map((q) => q.reason)).toEqual([
      expect.stringMatching(/is not a datastream's Observations/),
      expect.stringMatching(/not JSON/),
      expect.stringMatching(/unknown datastream "g-nowhere"/),
      expect.stringMatching(/out of order/),
    ]);
    expect(quarantine[1]).toMatchObject({ sensorId: 'g-midroad', payload: 'not json', bytes: 8 });
    expect(t.count('sensor_readings') + t.count('sensor_quarantine')).toBe(t.sensors.counts().received);
  });

  it('commits a batch of readings without waiting for the disk, and leaves the ops log its synchronous=FULL', async () => {
    t = testSensors();
    const db = t.ops.service.store.db;
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    // The connection's level while the batch's transaction runs, noted by a trigger on every stored reading.
    db.exec('CREATE TEMP TABLE seen (level INTEGER); CREATE TEMP TRIGGER watch_sync AFTER INSERT ON main.sensor_readings BEGIN INSERT INTO seen SELECT synchronous FROM pragma_synchronous; END');
    t.send('g-inlet', 0.1, t.clock.now() - 2000);
    t.send('g-inlet', 0.11, t.clock.now() - 1000);
    t.sensors.flush();
    expect(db.prepare('SELECT level FROM seen').pluck().all()).toEqual([1, 1]);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(t.count('sensor_readings')).toBe(2);
  });

  it('hands the latest unflagged reading of each sensor in a batch on to the forecasts', async () => {
    const handed: { id: string; kind: string; value: number }[][] = [];
    t = testSensors({ onReadings: (latest) => handed.push(latest.map(({ sensor, reading }) => ({ id: sensor.id, kind: sensor.kind, value: reading.value }))) });
    const start = t.clock.now() - 60_000;
    t.send('g-rain', 12, start);
    t.send('g-rain', 18, start + 10_000);
    t.send('g-inlet', 0.12, start + 10_000);
    t.sensors.flush();
    expect(handed).toEqual([[{ id: 'g-rain', kind: 'rain-intensity', value: 18 }, { id: 'g-inlet', kind: 'water-level', value: 0.12 }]]);
    t.send('g-rain', 1e9, start + 20_000); // out of range: quarantined, handed on to nothing
    t.sensors.flush();
    expect(handed).toHaveLength(1);
  });

  it('answers a series raw when it fits, else as per-minute summaries of mean, min and max', async () => {
    t = testSensors();
    const start = t.clock.now() - 3600_000;
    for (let i = 0; i < 600; i++) t.send('g-outlet', i < 330 ? 0.1 : 0.2, start + i * 1000);
    const ctx = { session: { id: 's', actorId: 'eoc-lead' } };
    const raw = await t.sensors.handlers['sensors.series']({ sensorId: 'g-outlet', from: start, to: start + 59_000, maxPoints: 100 }, ctx);
    expect(raw.resolution).toBe('raw');
    expect(raw.points).toHaveLength(60);
    const minutes = await t.sensors.handlers['sensors.series']({ sensorId: 'g-outlet', from: start, to: start + 600_000, maxPoints: 100 }, ctx);
    expect(minutes.resolution).toBe('minute');
    const counted = minutes.points.reduce((n, p) => n + p.count, 0);
    expect(counted).toBe(600);
    const mixed = minutes.points.find((p) => p.min !== p.max)!;
    expect(mixed).toMatchObject({ min: 0.1, max: 0.2 });
    expect(mixed.value).toBeGreaterThan(0.1);
    expect(mixed.value).toBeLessThan(0.2);
  });

  it('deletes raw readings past their retention but keeps the summaries and the counts', async () => {
    t = testSensors();
    const ctx = { session: { id: 's', actorId: 'eoc-lead' } };
    const old = t.clock.now() - 3 * 86_400_000;
    for (let i = 0; i < 10; i++) t.send('g-rain', 5, old + i * 60_000);
    t.send('g-rain', 5);
    t.sensors.flush();
    await t.sensors.handlers['sensors.setRetention']({ rawDays: 1, summaryDays: 30 }, ctx);
    expect(t.count('sensor_readings')).toBe(1);
    expect(t.count('sensor_summaries')).toBeGreaterThan(10);
    expect(t.sensors.counts().accepted).toBe(11);
  });

  it('flags a spike, a stuck gauge and a gauge that disagrees with its neighbours, and keeps them', async () => {
    t = testSensors();
    const start = t.clock.now() - 3600_000;
    for (let i = 0; i < 30; i++) {
      const at = start + i * 10_000;
      const level = 0.2 + 0.005 * Math.sin(i);
      t.send('g-inlet', i === 20 ? 1.5 : level, at);
      t.send('g-midroad', i >= 10 ? 0.21 : level + 0.01, at);
      t.send('g-outlet', i >= 25 ? 1.4 + i / 100 : level - 0.01, at + 1);
    }
    t.sensors.flush();
    const flagsOf = (id: string) => t.ops.service.store.db.prepare('SELECT time, flags FROM sensor_readings WHERE sensor_id = ? AND flags != 0').all(id) as { time: number; flags: number }[];
    expect(flagsOf('g-inlet').map((r) => r.flags)).toEqual([2 | 4]);
    expect(flagsOf('g-midroad').every((r) => (r.flags & 1) === 1)).toBe(true);
    expect(flagsOf('g-midroad').length).toBeGreaterThan(5);
    expect(flagsOf('g-outlet').some((r) => (r.flags & 4) === 4)).toBe(true);
  });

  it('takes the spike flag off a jump the next reading confirms (a flood front), stored or not, and keeps a lone spike', async () => {
    t = testSensors();
    const start = t.clock.now() - 3600_000;
    const front = [0, 0, 0, 0, 0, 0, 0, 0.45, 0.5, 0.52, 0.53, 0.52, 0.51, 1.8, 0.52, 0.53];
    for (const [i, v] of front.entries()) {
      t.send('g-inlet', v, start + i * 10_000);
      if (i === 7) t.sensors.flush(); // the suspect is stored before the next reading settles it
    }
    t.sensors.flush();
    const rows = t.ops.service.store.db.prepare("SELECT value, flags FROM sensor_readings WHERE sensor_id = 'g-inlet' AND flags & 2 ORDER BY time").all();
    expect(rows).toEqual([{ value: 1.8, flags: 2 }]);
    const minutes = await t.sensors.handlers['sensors.series']({ sensorId: 'g-inlet', from: start, to: start + 3_600_000, maxPoints: 10 }, { session: { id: 's', actorId: 'eoc-lead' } });
    expect(minutes.points.reduce((n, p) => n + p.flagged, 0)).toBe(1);
    const health = await t.sensors.handlers['sensors.health']({}, { session: { id: 's', actorId: 'eoc-lead' } });
    expect(health.sensors.find((s) => s.sensorId === 'g-inlet')!.flags.spike).toBe(1);
  });

  it('raises one alert per level, escalates it while the water rises and resolves it when it falls back', async () => {
    t = testSensors();
    const series = [0.05, 0.1, 0.16, 0.17, 0.2, 0.24, 0.31, 0.33, 0.36, 0.4, 0.45, 0.5, 0.4, 0.28, 0.2, 0.1, 0.05];
    const start = t.clock.now() - series.length * 120_000;
    for (const [i, v] of series.entries()) {
      t.send('g-outlet', v, start + i * 120_000);
      t.sensors.flush();
    }
    const alerts = await t.sensorAlerts();
    const of = (key: string) => alerts.filter((a) => a.dedupeKey === key);
    expect(of('sensor:g-outlet:warning')).toHaveLength(1);
    expect(of('sensor:g-outlet:danger')).toHaveLength(1);
    expect(of('sensor:g-outlet:danger')[0]).toMatchObject({ severity: 'Severe', status: 'resolved' });
    expect(of('sensor:g-outlet:warning')[0]).toMatchObject({ severity: 'Moderate', status: 'resolved' });
    // Danger raised at 0.31; 0.4 is a step (0.075) above it, 0.5 a step above 0.4: two escalations.
    expect(of('sensor:g-outlet:danger')[0]!.escalation).toBe(2);
    expect(of('sensor:g-outlet:rising')).toHaveLength(1);
  });

  it('raises a silence alert for a sensor that stops reporting, and resolves it when it reports again', async () => {
    t = testSensors();
    t.send('g-rain', 12);
    t.sensors.flush();
    t.clock.advance(301_000);
    t.sensors.checkSilence();
    let [alert] = await t.sensorAlerts();
    expect(alert).toMatchObject({ dedupeKey: 'sensor:g-rain:silent', status: 'raised', severity: 'Minor' });
    t.sensors.checkSilence();
    expect(await t.sensorAlerts()).toHaveLength(1);
    t.send('g-rain', 13);
    t.sensors.flush();
    [alert] = await t.sensorAlerts();
    expect(alert!.status).toBe('resolved');
  });
});
