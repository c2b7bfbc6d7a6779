import type { SensorKind } from '../api/sensors.ts';

export interface KindRules {
  observedProperty: string;
  unit: { name: string; symbol: string };
  /** Other unit symbols a payload may state, with the factor to the sensor's unit. */
  convertible: Readonly<Record<string, number>>;
  /** Physically possible values, in the sensor's unit. */
  range: readonly [number, number];
  /** The most a value can change within one minute (a faster change is a broken sensor or a forgery). */
  maxChangePerMinute: number;
  /** The resting value (dry ground, no rain): a sensor sitting on it is not stuck. */
  rest: number;
  /** The smallest spread a spike is measured against (sensor resolution). */
  spikeFloor: number;
  /** Neighbours of the same kind further apart than this tolerance (in the unit) disagree. */
  neighbourTolerance: number;
}

/**
 * Per kind: the unit, the physical range, the rate limit and the quality-check scales. Water level
 * is depth above ground at the gauge (m), as the scenario packs' gauges define it.
 */
export const kindRules: Readonly<Record<SensorKind, KindRules>> = {
  'water-level': {
    observedProperty: 'Water depth above ground',
    unit: { name: 'metre', symbol: 'm' },
    convertible: { m: 1, cm: 0.01, mm: 0.001 },
    range: [-0.5, 15],
    maxChangePerMinute: 3,
    rest: 0,
    spikeFloor: 0.05,
    neighbourTolerance: 0.6,
  },
  'rain-intensity': {
    observedProperty: 'Rainfall intensity',
    unit: { name: 'millimetre per hour', symbol: 'mm/h' },
    convertible: { 'mm/h': 1, 'mm h-1': 1, 'in/h': 25.4 },
    range: [0, 500],
    maxChangePerMinute: 300,
    rest: 0,
    spikeFloor: 2,
    neighbourTolerance: 60,
  },
  flow: {
    observedProperty: 'Discharge',
    unit: { name: 'cubic metre per second', symbol: 'm3/s' },
    convertible: { 'm3/s': 1, 'm³/s': 1, 'L/s': 0.001 },
    range: [0, 5000],
    maxChangePerMinute: 500,
    rest: 0,
    spikeFloor: 0.05,
    neighbourTolerance: 50,
  },
  'soil-moisture': {
    observedProperty: 'Volumetric soil moisture',
    unit: { name: 'percent', symbol: '%' },
    convertible: { '%': 1, 'm3/m3': 100 },
    range: [0, 100],
    maxChangePerMinute: 20,
    rest: -1,
    spikeFloor: 1,
    neighbourTolerance: 30,
  },
};
