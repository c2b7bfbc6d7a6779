import { describe, expect, it } from 'vitest';
import { feedReadings, illustrativeHyetograph, valueAt, type FeedPlan, type GaugeTrack } from './feed-stream.ts';

const tracks: GaugeTrack[] = [
  { id: 'a', kind: 'water-level', times: [0, 100, 200], values: [0, 0.4, 0.5] },
  { id: 'b', kind: 'water-level', times: [0, 100, 200], values: [0, 0.3, 0.35] },
  { id: 'r', kind: 'rain-intensity', ...illustrativeHyetograph(200, 60) },
];
const plan: FeedPlan = { intervalSeconds: 10, durationSeconds: 200, noise: 1, lossRate: 0, seed: 7, faults: { stuck: { sensorId: 'b', from: 100 }, spike: { sensorId: 'a', at: 150 }, dropout: { sensorId: 'r', from: 50, to: 80 } } };

describe('the reconstructed feed', () => {
  it('samples the tracks in time order, the same stream for the same seed', () => {
    const one = [...feedReadings(tracks, plan)];
    expect(one).toEqual([...feedReadings(tracks, plan)]);
    expect(one.map((r) => r.scenarioTime)).toEqual([...one.map((r) => r.scenarioTime)].sort((x, y) => x - y));
    expect(valueAt(tracks[0]!, 50)).toBeCloseTo(0.2);
    expect(one.find((r) => r.sensorId === 'a' && r.scenarioTime === 50)!.value).toBeCloseTo(0.2, 1);
  });

  it('has a stuck gauge, one spike and a dropout where the plan puts them', () => {
    const all = [...feedReadings(tracks, plan)];
    const stuck = all.filter((r) => r.sensorId === 'b' && r.scenarioTime >= 100);
    expect(new Set(stuck.map((r) => r.value))).toEqual(new Set([0.3]));
    expect(stuck.every((r) => r.fault === 'stuck')).toBe(true);
    const spikes = all.filter((r) => r.fault === 'spike');
    expect(spikes).toHaveLength(1);
    expect(spikes[0]).toMatchObject({ sensorId: 'a', scenarioTime: 150 });
    expect(spikes[0]!.value).toBeGreaterThan(1.6);
    expect(all.filter((r) => r.sensorId === 'r' && r.scenarioTime >= 50 && r.scenarioTime < 80)).toEqual([]);
  });

  it('loses about the share of readings asked, and dry gauges read exactly zero', () => {
    const lossy = [...feedReadings(tracks, { ...plan, lossRate: 0.5, faults: { stuck: null, spike: null, dropout: null } })];
    expect(lossy.length).toBeGreaterThan(20);
    expect(lossy.length).toBeLessThan(45);
    expect(lossy.filter((r) => r.scenarioTime === 0).every((r) => r.value === 0)).toBe(true);
  });
});
