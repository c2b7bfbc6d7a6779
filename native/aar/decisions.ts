// What people decided about the tasks the model recommended: approved (as drafted or edited),
// rejected with a reason, or still undecided, and how long each decision took.
import type { AarSource } from './source.ts';
import { durationStats, seconds, type DurationStats } from './stats.ts';

export interface DecisionFigure {
  draftId: string;
  title: string;
  kind: string;
  target: string;
  department: string;
  status: 'approved' | 'rejected' | 'draft' | 'superseded';
  /** A person changed the draft (title, text, department or priority) before deciding. */
  edited: boolean;
  decidedBy: string | null;
  reason: string | null;
  createdAt: number;
  decidedAt: number | null;
  secondsToDecide: number | null;
}

export interface DecisionSummary {
  approved: number;
  /** Of the approved, how many were edited first. */
  approvedEdited: number;
  rejected: number;
  undecided: number;
  superseded: number;
  timeToDecide: DurationStats;
}

/** `Recommended task "<title>" edited (…)`: the activity line recommendations.ts writes per edit. */
const editLine = /^Recommended task "(.*)" edited \(/;

function editedDrafts(source: AarSource): Set<string> {
  const edits = source.events.filter((e) => e.type === 'log.entry' && editLine.test(e.summary));
  const edited = new Set<string>();
  for (const e of edits) {
    const title = editLine.exec(e.summary)![1]!;
    // The line names the title before the edit: the draft that has it still, else (its title was
    // the thing edited) the one the same person decided first at or after the edit.
    const same = source.drafts.find((d) => d.title === title);
    const decided = source.drafts.filter((d) => d.decidedBy === e.actor && d.decidedAt !== null && d.decidedAt >= e.at).sort((a, b) => a.decidedAt! - b.decidedAt!)[0];
    const draft = same ?? decided;
    if (draft) edited.add(draft.id);
  }
  return edited;
}

export function decisionFigures(source: AarSource): DecisionFigure[] {
  const edited = editedDrafts(source);
  return source.drafts.map((d) => ({
    draftId: d.id,
    title: d.title,
    kind: d.kind,
    target: d.target,
    department: d.department,
    status: d.status === 'approved' || d.status === 'rejected' || d.status === 'superseded' ? d.status : 'draft',
    edited: edited.has(d.id),
    decidedBy: d.decidedBy,
    reason: d.reason,
    createdAt: d.createdAt,
    decidedAt: d.decidedAt,
    secondsToDecide: d.decidedAt === null ? null : seconds(d.createdAt, d.decidedAt),
  }));
}

export function decisionSummary(decisions: readonly DecisionFigure[]): DecisionSummary {
  const count = (f: (d: DecisionFigure) => boolean) => decisions.filter(f).length;
  return {
    approved: count((d) => d.status === 'approved'),
    approvedEdited: count((d) => d.status === 'approved' && d.edited),
    rejected: count((d) => d.status === 'rejected'),
    undecided: count((d) => d.status === 'draft'),
    superseded: count((d) => d.status === 'superseded'),
    timeToDecide: durationStats(decisions.flatMap((d) => (d.secondsToDecide === null ? [] : [d.secondsToDecide]))),
  };
}
