// From a forecast's predicted water at each asset to what the crisis room is told: an alert with
// CAP severity, urgency and certainty, and with its lead time; and to what Polder recommends,
// as drafts for a person to decide on. Pure rules, one place to read and change them.
import type { CapCertainty, CapSeverity, CapUrgency, Priority } from '../api/ops.ts';
import type { SimEdit } from '../api/sim.ts';
import type { TargetImpact } from '../../simulation/host/forecast.ts';
import type { z } from 'zod';

/** Water at least this deep (m) at an asset raises an alert (ankle-deep: doors and cables wet). */
export const alertDepth = 0.15;
/** A road segment deeper than this (m) is unsafe for cars: a closure is recommended. */
export const closureDepth = 0.3;
/** An ensemble share at least this large raises an alert even when the plain forecast stays below. */
export const alertProbability = 0.2;

export interface ImpactAlert {
  asset: string;
  name: string;
  kind: TargetImpact['kind'];
  peakDepth: number;
  /** Simulated seconds the water reaches the alert depth (null: only some members reach it). */
  arrivalSeconds: number | null;
  /** Seconds from the forecast's start until then; null as above. */
  leadSeconds: number | null;
  hazard: number;
  probability: number;
  severity: z.infer<typeof CapSeverity>;
  urgency: z.infer<typeof CapUrgency>;
  certainty: z.infer<typeof CapCertainty>;
  lonLat: [number, number] | null;
}

/** CAP severity from depth and ARR hazard class (H6: buildings fail; H4–H5: unsafe for people
 * and vehicles; H3: unsafe for vehicles, children and the elderly). */
export function severityOf(peakDepth: number, hazard: number): z.infer<typeof CapSeverity> {
  if (peakDepth >= 1 || hazard >= 6) return 'Extreme';
  if (peakDepth >= 0.5 || hazard >= 4) return 'Severe';
  if (peakDepth >= closureDepth || hazard >= 3) return 'Moderate';
  return 'Minor';
}

/** CAP urgency from the time left: act now within a quarter hour, expected within the hour. */
export function urgencyOf(leadSeconds: number | null): z.infer<typeof CapUrgency> {
  if (leadSeconds === null) return 'Future';
  if (leadSeconds <= 15 * 60) return 'Immediate';
  if (leadSeconds <= 60 * 60) return 'Expected';
  return 'Future';
}

/** CAP certainty from the ensemble (a single member counts as likely); water already there is observed. */
export function certaintyOf(probability: number, members: number, alreadyThere: boolean): z.infer<typeof CapCertainty> {
  if (alreadyThere) return 'Observed';
  if (members <= 1) return probability > 0 ? 'Likely' : 'Possible';
  if (probability > 0.5) return 'Likely';
  if (probability >= alertProbability) return 'Possible';
  return 'Unlikely';
}

/** The alerts a forecast's impacts call for, soonest first; assets that stay dry get none. */
export function impactAlerts(impacts: readonly TargetImpact[], members: number): ImpactAlert[] {
  return impacts
    .filter((i) => i.peakDepth >= alertDepth || (members > 1 && i.probability >= alertProbability))
    .map((i) => ({
      asset: i.id,
      name: i.name,
      kind: i.kind,
      peakDepth: i.peakDepth,
      arrivalSeconds: i.arrivalSeconds,
      leadSeconds: i.leadSeconds,
      hazard: i.hazard,
      probability: i.probability,
      severity: severityOf(i.peakDepth, i.hazard),
      urgency: urgencyOf(i.leadSeconds),
      certainty: certaintyOf(i.probability, members, i.leadSeconds === 0),
      lonLat: i.lonLat,
    }))
    .sort((a, b) => (a.leadSeconds ?? Infinity) - (b.leadSeconds ?? Infinity) || b.peakDepth - a.peakDepth || a.asset.localeCompare(b.asset));
}

const inWords = (seconds: number | null) => (seconds === null ? 'possibly within the forecast' : seconds === 0 ? 'now' : `in ${Math.max(1, Math.round(seconds / 60))} min`);

export function alertTitle(a: ImpactAlert): string {
  return a.kind === 'road' ? `Flooding forecast on ${a.name}` : `Flooding forecast at ${a.name}`;
}

/** Says what is forecast, not by which forecast: the same prediction again changes nothing. */
export function alertDescription(a: ImpactAlert): string {
  const chance = a.probability < 1 ? `, ${Math.round(a.probability * 100)}% of ensemble members` : '';
  return `Forecast: ${a.peakDepth.toFixed(2)} m ${inWords(a.leadSeconds)} (hazard H${a.hazard}${chance}).`;
}

/** The department that protects each kind of asset. */
export const protectingDepartment: Record<TargetImpact['kind'], string> = {
  road: 'transport',
  hospital: 'health',
  'aged-care': 'health',
  school: 'eoc',
  shelter: 'eoc',
  substation: 'utilities',
  'pumping-station': 'works',
  underpass: 'transport',
  'emergency-service': 'eoc',
  other: 'works',
};

export interface Recommendation {
  kind: 'closure' | 'protection' | 'pump' | 'barrier';
  target: string;
  department: string;
  title: string;
  description: string;
  priority: z.infer<typeof Priority>;
  /** The what-if change that carries it out (pumps and barriers). */
  edit?: SimEdit;
}

const priorityOf = (a: ImpactAlert): z.infer<typeof Priority> => (a.severity === 'Extreme' || a.urgency === 'Immediate' ? 'critical' : a.severity === 'Severe' ? 'high' : 'normal');

/** Road segments over the closure depth → a closure for Transport; other assets at risk → a
 * protection task for the department that looks after them. */
export function recommendationsFor(alerts: readonly ImpactAlert[]): Recommendation[] {
  return alerts.flatMap((a): Recommendation[] => {
    if (a.kind === 'road' || a.kind === 'underpass') {
      if (a.peakDepth < closureDepth) return [];
      return [{ kind: 'closure', target: a.asset, department: 'transport', title: `Close ${a.name}`, description: `Forecast ${a.peakDepth.toFixed(2)} m ${inWords(a.leadSeconds)}: over ${closureDepth} m, unsafe for vehicles. Set up the closure and a detour.`, priority: priorityOf(a) }];
    }
    return [{ kind: 'protection', target: a.asset, department: protectingDepartment[a.kind], title: `Protect ${a.name}`, description: `Forecast ${a.peakDepth.toFixed(2)} m ${inWords(a.leadSeconds)}. Sandbag entrances, move critical equipment up and warn the people inside.`, priority: priorityOf(a) }];
  });
}
