import type { Alert } from '../api/ops.ts';
import { canonicalJson } from './canonical-json.ts';

/** Coordinates closer than this (degrees, about a metre) are the same place. */
const placeDecimals = 5;

function roundCoordinates(value: unknown): unknown {
  if (typeof value === 'number') return Number(value.toFixed(placeDecimals));
  return Array.isArray(value) ? value.map(roundCoordinates) : value;
}

/**
 * What makes two raised alerts the same one reported twice: the caller's own key (a sensor's
 * datastream), or else the same severity, the same title (case and spacing aside) and the same
 * place. Without a place there is nothing to tell two reports apart from two incidents: no key.
 */
export function alertDedupeKey(alert: Pick<Alert, 'title' | 'severity' | 'area'> & { dedupeKey: string | null }): string | null {
  if (alert.dedupeKey) return alert.dedupeKey;
  if (!alert.area) return null;
  const title = alert.title.trim().replace(/\s+/g, ' ').toLowerCase();
  return `same:${alert.severity}:${title}@${canonicalJson(roundCoordinates(alert.area.coordinates))}`;
}
