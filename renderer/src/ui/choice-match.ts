/** One thing a chooser offers; a disabled one says why. */
export interface Choice {
  id: string;
  label: string;
  detail?: string;
  disabled?: boolean;
  /** Why it cannot be chosen now (shown beside it). */
  reason?: string;
}

/** How well a choice matches what was typed: 0 exact, 1 label starts with it, 2 a word starts with it, 3 anywhere; null no match. */
export function matchRank(choice: Choice, typed: string): number | null {
  const q = typed.trim().toLowerCase();
  if (!q) return 3;
  const label = choice.label.toLowerCase();
  if (label === q) return 0;
  if (label.startsWith(q)) return 1;
  if (label.split(/[\s\-_/·,()]+/).some((w) => w.startsWith(q))) return 2;
  return `${label} ${choice.detail ?? ''}`.toLowerCase().includes(q) ? 3 : null;
}

/** The choices that match, best first (ties keep their order). */
export function matching(choices: readonly Choice[], typed: string): Choice[] {
  return choices
    .map((c, i) => ({ c, i, rank: matchRank(c, typed) }))
    .filter((x): x is { c: Choice; i: number; rank: number } => x.rank !== null)
    .sort((a, b) => a.rank - b.rank || a.i - b.i)
    .map((x) => x.c);
}

/**
 * What Enter takes: the best enabled match. When what was typed best matches a disabled choice,
 * nothing is taken (the user named that one), and `refused` says which, so the chooser can say why.
 */
export function bestChoice(choices: readonly Choice[], typed: string): { take: Choice | null; refused: Choice | null } {
  const shown = matching(choices, typed);
  const first = shown[0] ?? null;
  if (!typed.trim()) return { take: shown.find((c) => !c.disabled) ?? null, refused: null };
  if (!first) return { take: null, refused: null };
  const bestRank = matchRank(first, typed);
  const top = shown.filter((c) => matchRank(c, typed) === bestRank);
  const enabled = top.find((c) => !c.disabled);
  if (enabled) return { take: enabled, refused: null };
  return { take: null, refused: top[0]! };
}
