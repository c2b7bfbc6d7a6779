import type { QualityFlag, SensorKind } from '../api/sensors.ts';
import { kindRules } from './kinds.ts';

/** How many recent accepted values the spike and flat-line checks look at. */
export const windowSize = 11;
/** A value further than this many robust spreads from the recent median is a spike. */
const spikeSpreads = 6;
/** This many equal values in a row, off the resting value: stuck (a real sensor's noise moves its last digit). */
const flatLineCount = 10;

export interface RecentValues {
  times: number[];
  values: number[];
}

/** The median; sorts `s` in place (a typed array sorts numbers natively, with no comparator to call). */
const medianOf = (s: Float64Array) => {
  s.sort();
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const median = (xs: readonly number[]) => medianOf(Float64Array.from(xs));

/** The median of the previous values and how far from it a spike lies: six robust spreads (1.4826 × the median absolute deviation, at least the kind's resolution). Null with fewer than five values. */
export function spikeBounds(kind: SensorKind, previous: readonly number[]): { median: number; limit: number } | null {
  if (previous.length < 5) return null;
  const m = median(previous);
  const deviations = new Float64Array(previous.length);
  for (let i = 0; i < previous.length; i++) deviations[i] = Math.abs(previous[i]! - m);
  const mad = medianOf(deviations) * 1.4826;
  return { median: m, limit: spikeSpreads * Math.max(mad, kindRules[kind].spikeFloor) };
}

/**
 * A reading is a spike when it lies beyond spikeBounds from the median of the sensor's previous
 * values. The next reading settles it (service.ts): back near the old line, a spike it stays;
 * near the jump, the water really moved (a flood front arriving) and the flag is taken off.
 */
export function isSpike(kind: SensorKind, previous: readonly number[], value: number): boolean {
  const bounds = spikeBounds(kind, previous);
  return bounds !== null && Math.abs(value - bounds.median) > bounds.limit;
}

/** Stuck: the same value again and again for a while, somewhere other than the resting value (dry, no rain). */
export function isFlatLine(kind: SensorKind, recent: RecentValues, value: number): boolean {
  if (value === kindRules[kind].rest) return false;
  const n = recent.values.length;
  if (n < flatLineCount - 1) return false;
  for (let i = n - flatLineCount + 1; i < n; i++) if (recent.values[i] !== value) return false;
  return true;
}

/** Disagrees: further from the median of its fresh same-kind neighbours than the kind allows. */
export function disagreesWithNeighbours(kind: SensorKind, neighbours: readonly number[], value: number): boolean {
  if (neighbours.length === 0) return false;
  return Math.abs(value - median(neighbours)) > kindRules[kind].neighbourTolerance;
}

export function qualityFlags(kind: SensorKind, recent: RecentValues, neighbours: readonly number[], value: number): QualityFlag[] {
  const flags: QualityFlag[] = [];
  if (isFlatLine(kind, recent, value)) flags.push('flat-line');
  if (isSpike(kind, recent.values, value)) flags.push('spike');
  if (disagreesWithNeighbours(kind, neighbours, value)) flags.push('disagrees');
  return flags;
}

/** Adds an accepted value to the window, dropping the oldest beyond windowSize. */
export function remember(recent: RecentValues, time: number, value: number): void {
  recent.times.push(time);
  recent.values.push(value);
  if (recent.values.length > windowSize) {
    recent.times.shift();
    recent.values.shift();
  }
}

export const flagBits: Readonly<Record<QualityFlag, number>> = { 'flat-line': 1, spike: 2, disagrees: 4 };
/** Stored beside the quality flags in a reading's bit set. */
export const reconstructedBit = 8;

export function flagsToBits(flags: readonly QualityFlag[], reconstructed: boolean): number {
  return flags.reduce((bits, f) => bits | flagBits[f], reconstructed ? reconstructedBit : 0);
}

export function bitsToFlags(bits: number): QualityFlag[] {
  return (Object.keys(flagBits) as QualityFlag[]).filter((f) => (bits & flagBits[f]) !== 0);
}
