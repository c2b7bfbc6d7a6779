// An exercise's injects as the report sees them: folded from the log's inject events (README
// "Exercises": planned or inserted, then delivered, delayed, skipped, noted), or taken from an
// MSEL whose injects were handed out outside this data folder, each at its scenario time.
import { Inject, injectEvents, type InjectPlan } from '../api/exercise.ts';
import type { LogEvent } from './source.ts';

const planTypes: ReadonlySet<string> = new Set([injectEvents.planned, injectEvents.inserted]);
const changeTypes: ReadonlySet<string> = new Set([injectEvents.delivered, injectEvents.delayed, injectEvents.skipped]);

/** The injects as the events (in log order) leave them: plan, latest due time, fate and evaluator notes. */
export function injectsFromLog(events: readonly LogEvent[]): Inject[] {
  const byId = new Map<string, Inject>();
  for (const e of events) {
    if (planTypes.has(e.type)) {
      const parsed = Inject.safeParse({ ...e.set, id: e.entity, notes: [] });
      if (parsed.success) byId.set(e.entity, parsed.data);
      continue;
    }
    const inject = byId.get(e.entity);
    if (!inject) continue;
    if (changeTypes.has(e.type)) {
      const parsed = Inject.safeParse({ ...inject, ...e.set });
      if (parsed.success) byId.set(e.entity, parsed.data);
    } else if (e.type === injectEvents.noted) {
      inject.notes.push({ at: e.at, by: e.actor, text: e.text ?? e.summary });
    }
  }
  return [...byId.values()];
}

/** An MSEL run outside this folder (injects read out, phoned or handed over on paper): each taken as delivered at its scenario time. */
export function injectsFromPlan(plans: readonly InjectPlan[]): Inject[] {
  return plans.map((p) => ({ ...p, id: `msel-${p.number}`, status: 'delivered', plannedAt: p.at, deliveredAt: p.at, alertId: null, insertedBy: null, skipReason: null, notes: [] }));
}

/**
 * The injects a report over [from, to) covers: as they stood at its end, less those delivered
 * before its start (or, never delivered, due before it). One still pending is listed as not delivered.
 */
export function injectsInWindow(injects: readonly Inject[], window: { from: number; to: number }): Inject[] {
  return injects.filter((i) => (i.deliveredAt ?? i.at) >= window.from);
}
