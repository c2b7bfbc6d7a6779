// An MSEL inject as the after-action report needs it. The exercise module parses MSELs (HSEEP CSV)
// and delivers injects; this is the plain shape it hands over, so the report does not depend on it.
import { z } from 'zod';

export const Inject = z.strictObject({
  /** The MSEL's event number. */
  number: z.string().min(1),
  /** Seconds from the exercise's start. */
  scenarioTime: z.number().finite().min(0),
  expectedAction: z.string(),
  /** The department expected to act. */
  department: z.string().min(1),
  /** When it was delivered (ms since the epoch); null while pending or skipped. */
  deliveredAt: z.number().nullable(),
});
export type Inject = z.infer<typeof Inject>;

/** A JSON array of injects, or one line saying what is wrong with it. */
export function parseInjects(raw: unknown): { ok: true; injects: Inject[] } | { ok: false; problem: string } {
  const parsed = z.array(Inject).safeParse(raw);
  if (parsed.success) return { ok: true, injects: parsed.data };
  const issue = parsed.error.issues[0]!;
  return { ok: false, problem: `not a list of injects: ${issue.path.join('.') || 'the file'}: ${issue.message}` };
}
