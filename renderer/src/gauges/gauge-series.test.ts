import { describe, expect, it } from 'vitest';
import { appendSample, chartColumns, gaugeLevel, gaugesFromLayer, observedOnRunClock, probeSeries } from './gauge-series.ts';

const thresholds = { warning: 0.15, danger: 0.3 };

describe('gaugeLevel', () => {
  it('compares against warning and danger, inclusive', () => {
    expect(gaugeLevel(0, thresholds)).toBe(0);
    expect(gaugeLevel(0.149, thresholds)).toBe(0);
    expect(gaugeLevel(0.15, thresholds)).toBe(1);
    expect(gaugeLevel(0.3, thresholds)).toBe(2);
    expect(gaugeLevel(NaN, thresholds)).toBe(0);
  });
});

describe('gaugesFromLayer', () => {
  it('reads the scenario gauges and skips incomplete ones', () => {
    const gauges = gaugesFromLayer({
      features: [
        { id: 'g-inlet', properties: { id: 'g-inlet', name: 'Creek inlet', kind: 'water-level', warning: 0.15, danger: 0.3 } },
        { id: 'g-rain', properties: { id: 'g-rain', name: 'Rain', kind: 'rain', warning: 30, danger: 60 } },
        { id: 'bad', properties: { id: 'bad', kind: 'water-level', warning: 'x', danger: 1 } },
        { id: 'odd', properties: { id: 'odd', kind: 'wind', warning: 1, danger: 2 } },
      ],
    });
    expect(gauges).toEqual([
      { id: 'g-inlet', name: 'Creek inlet', kind: 'water-level', unit: 'm', thresholds },
      { id: 'g-rain', name: 'Rain', kind: 'rain', unit: 'mm/h', thresholds: { warning: 30, danger: 60 } },
    ]);
  });
});

describe('appendSample', () => {
  it('appends in time order and restarts when time goes back', () => {
    let s = appendSample(undefined, 0, 0);
    s = appendSample(s, 10, 0.1);
    const before = s;
    s = appendSample(s, 20, 0.2);
    expect(s).toEqual({ times: [0, 10, 20], values: [0, 0.1, 0.2] });
    expect(before.times).toEqual([0, 10]);
    expect(appendSample(s, 10, 0.5)).toEqual({ times: [0, 10], values: [0, 0.5] });
    expect(appendSample(s, 0, 0)).toEqual({ times: [0], values: [0] });
  });
});

describe('chartColumns', () => {
  it('gives aligned columns with flat threshold lines', () => {
    expect(chartColumns({ times: [0, 5], values: [0.1, 0.4] }, thresholds)).toEqual([[0, 5], [0.1, 0.4], [null, null], [0.15, 0.15], [0.3, 0.3]]);
    const empty = chartColumns({ times: [], values: [] }, thresholds);
    expect(empty[0]).toEqual([0, 600]);
    expect(empty[3]).toEqual([0.15, 0.15]);
  });

  it('lays the observed line beside the model on one axis, each null where the other has a point', () => {
    const observed = { times: [0, 5, 7.5], values: [0.2, 0.3, 0.35] };
    expect(chartColumns({ times: [0, 5], values: [0.1, 0.4] }, thresholds, observed)).toEqual([
      [0, 5, 7.5],
      [0.1, 0.4, null],
      [0.2, 0.3, 0.35],
      [0.15, 0.15, 0.15],
      [0.3, 0.3, 0.3],
    ]);
  });
});

describe('observedOnRunClock', () => {
  const startedAt = Date.UTC(2007, 5, 8, 12, 0, 0);
  const observed = { times: [startedAt - 30_000, startedAt + 10_000, startedAt + 20_000, startedAt + 95_000], values: [0.05, 0.12, 0.2, 0.31] };

  it('puts each reading at its seconds since the run started, so it sits beside the probe value for the same moment', () => {
    expect(observedOnRunClock(observed, startedAt)).toEqual({ times: [10, 20, 95], values: [0.12, 0.2, 0.31] });
    const model = { times: [0, 10, 20, 30], values: [0, 0.1, 0.22, 0.3] };
    const [times, modelLine, observedLine] = chartColumns(model, thresholds, observedOnRunClock(observed, startedAt));
    // The reading taken 20 s into the run shares the model's 20 s point: one row, both values.
    const at20 = times.indexOf(20);
    expect([modelLine[at20], observedLine[at20]]).toEqual([0.22, 0.2]);
    expect(times).toEqual([0, 10, 20, 30, 95]);
  });

  it('counts from the first reading when no run is shown, and keeps nothing from before the run', () => {
    expect(observedOnRunClock(observed, null)).toEqual({ times: [0, 40, 50, 125], values: [0.05, 0.12, 0.2, 0.31] });
    expect(observedOnRunClock(observed, startedAt + 200_000)).toEqual({ times: [], values: [] });
    expect(observedOnRunClock({ times: [], values: [] }, startedAt)).toEqual({ times: [], values: [] });
  });
});

describe('probeSeries', () => {
  it('turns frames into one series per probe', () => {
    const series = probeSeries([
      { time: 0, probes: [{ id: 'g-inlet', depth: 0 }, { id: 'obs-1', depth: 0 }] },
      { time: 10, probes: [{ id: 'g-inlet', depth: 0.2 }] },
      { time: 20, probes: [{ id: 'g-inlet', depth: 0.35 }, { id: 'obs-1', depth: 0.1 }] },
    ]);
    expect(series).toEqual({ 'g-inlet': { times: [0, 10, 20], values: [0, 0.2, 0.35] }, 'obs-1': { times: [0, 20], values: [0, 0.1] } });
    expect(probeSeries([])).toEqual({});
  });
});
