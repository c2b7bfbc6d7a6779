/** The parts of a zod issue this reads (the renderer does not import zod itself). */
export interface SchemaIssue {
  code: string;
  path: readonly PropertyKey[];
  expected?: unknown;
  origin?: unknown;
  minimum?: unknown;
  maximum?: unknown;
}

/** A plain sentence per form field, keyed by field name. */
export type FieldErrors = Partial<Record<string, string>>;

/** Share of a text limit from which the form shows the count as the user types. */
export const countFrom = 0.8;

/**
 * Plain sentences for a contract schema's issues, one per field (the first issue wins): the same
 * schema the host checks, so the form refuses what the host would, in words a person reads.
 * `fieldOf` names the form field an issue's path belongs to (null: not a field of this form).
 */
export function fieldErrors(issues: readonly SchemaIssue[], labels: Readonly<Record<string, string>>, fieldOf: (path: readonly PropertyKey[]) => string | null = (p) => String(p[0] ?? '')): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = fieldOf(issue.path);
    if (field === null || errors[field] !== undefined) continue;
    errors[field] = sentence(issue, labels[field] ?? field);
  }
  return errors;
}

function sentence(issue: SchemaIssue, label: string): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'number' ? `${label} must be a number, like 151.75.` : `${label} is missing.`;
    case 'too_small':
      if (issue.origin === 'string') return `${label} cannot be empty or only spaces.`;
      if (issue.origin === 'number') return `${label} must be at least ${String(issue.minimum)}.`;
      return `${label} needs at least ${String(issue.minimum)} entries.`;
    case 'too_big':
      if (issue.origin === 'string') return `${label} is too long: at most ${String(issue.maximum)} characters.`;
      if (issue.origin === 'number') return `${label} must be at most ${String(issue.maximum)}.`;
      return `${label} has too many entries: at most ${String(issue.maximum)}.`;
    default:
      return `${label} is not valid.`;
  }
}
