import type { Json } from './event.ts';

const longest = 60;

/** A value as the history quotes it: text in quotes (cut to a line), times and places by name only. */
export function quoteValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return 'none';
  if (field === 'dueAt' && typeof value === 'number') return 'a due time';
  if (field === 'location' && typeof value === 'object') return 'a place';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const cut = text.length > longest ? `${text.slice(0, longest - 1)}…` : text;
  return `“${cut.replace(/\s+/g, ' ')}”`;
}

const fieldWords: Record<string, string> = { dueAt: 'due', unitId: 'unit', alertId: 'alert', incidentId: 'incident' };

/**
 * One history line for an edit: each field as old → new. `unseen` names the fields whose old value
 * the author never saw (someone changed them meanwhile): the line says so, and the conflict keeps both.
 */
export function describeChanges(before: Readonly<Record<string, unknown>>, edits: Readonly<Record<string, Json | undefined>>, unseen: readonly string[] = []): string {
  return Object.entries(edits)
    .filter(([, v]) => v !== undefined)
    .map(([field, value]) => {
      const line = `${fieldWords[field] ?? field} ${quoteValue(field, before[field])} → ${quoteValue(field, value)}`;
      return unseen.includes(field) ? `${line} (over a change its author had not seen)` : line;
    })
    .join(', ');
}
