// Trainees against the record: the exercise's decisions beside those of the recording it replays
// (matched by the alert's place and cause, the draft's asset and kind, times from each window's
// start), and each MSEL inject's expected action beside what its department did first.
import type { Inject } from '../api/exercise.ts';
import type { AlertFigure } from './alerts.ts';
import type { DecisionFigure } from './decisions.ts';
import type { AarSource } from './source.ts';
import { seconds } from './stats.ts';

export interface AlertComparison {
  key: string;
  title: string;
  /** Seconds from raise to acknowledgement: in the recording, in the exercise (null: not acknowledged, or not raised). */
  historicalAck: number | null;
  traineeAck: number | null;
  historicalRaised: boolean;
  traineeRaised: boolean;
}

export interface DecisionComparison {
  key: string;
  title: string;
  historical: DecisionFigure['status'] | null;
  trainee: DecisionFigure['status'] | null;
  /** Seconds from the draft to the decision. */
  historicalSeconds: number | null;
  traineeSeconds: number | null;
  same: boolean;
}

export interface InjectResponse {
  inject: Inject;
  /** Delivered minus first planned (a delay, or a paused clock); null when not delivered. */
  lateSeconds: number | null;
  /** The first action after delivery by the department it went to, or by anyone for one to no department (null: none, or not delivered). */
  respondedAt: number | null;
  responseSeconds: number | null;
  respondedBy: string | null;
  response: string | null;
}

const alertKey = (a: AlertFigure) => a.key ?? `title:${a.title}`;
const draftKey = (d: DecisionFigure) => `${d.kind}:${d.target}`;

function byKey<T>(items: readonly T[], key: (t: T) => string): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) if (!map.has(key(item))) map.set(key(item), item);
  return map;
}

export function compareAlerts(historical: readonly AlertFigure[], trainee: readonly AlertFigure[]): AlertComparison[] {
  const was = byKey(historical, alertKey);
  const now = byKey(trainee, alertKey);
  const ack = (a: AlertFigure | undefined) => (a && a.acknowledgedAt !== null ? seconds(a.raisedAt, a.acknowledgedAt) : null);
  return [...new Set([...was.keys(), ...now.keys()])].map((key) => {
    const h = was.get(key);
    const t = now.get(key);
    return { key, title: (t ?? h)!.title, historicalAck: ack(h), traineeAck: ack(t), historicalRaised: h !== undefined, traineeRaised: t !== undefined };
  });
}

export function compareDecisions(historical: readonly DecisionFigure[], trainee: readonly DecisionFigure[]): DecisionComparison[] {
  const was = byKey(historical, draftKey);
  const now = byKey(trainee, draftKey);
  return [...new Set([...was.keys(), ...now.keys()])].map((key) => {
    const h = was.get(key);
    const t = now.get(key);
    return {
      key,
      title: (t ?? h)!.title,
      historical: h?.status ?? null,
      trainee: t?.status ?? null,
      historicalSeconds: h?.secondsToDecide ?? null,
      traineeSeconds: t?.secondsToDecide ?? null,
      same: h?.status === t?.status,
    };
  });
}

/** Events that are a person acting: not the system, not a delivery raising an alert, not the controller running the exercise. */
const isAction = (e: { actor: string; type: string }) =>
  e.actor !== 'system' && e.type !== 'alert.raised' && e.type !== 'alert.updated' && e.type !== 'alert.repeated' && !e.type.startsWith('inject.');

export function injectResponses(injects: readonly Inject[], source: AarSource): InjectResponse[] {
  const deptOf = new Map(source.people.map((p) => [p.id, p.department]));
  return [...injects]
    .sort((a, b) => (a.deliveredAt ?? a.at) - (b.deliveredAt ?? b.at) || a.number.localeCompare(b.number, undefined, { numeric: true }))
    .map((inject) => {
      const { deliveredAt, department } = inject;
      const first =
        deliveredAt === null
          ? undefined
          : source.events.find((e) => e.at >= deliveredAt && isAction(e) && (department === null || (deptOf.get(e.actor) ?? e.dept) === department));
      return {
        inject,
        lateSeconds: deliveredAt === null ? null : seconds(inject.plannedAt, deliveredAt),
        respondedAt: first?.at ?? null,
        responseSeconds: first && deliveredAt !== null ? seconds(deliveredAt, first.at) : null,
        respondedBy: first?.actor ?? null,
        response: first?.summary ?? null,
      };
    });
}
