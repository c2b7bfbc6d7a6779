import { z } from 'zod';
import type { MethodSpecs } from './spec.ts';

// The people side of trust: how long a screen stays unlocked, and the received events that failed
// their checks (signature, device, role, sequence, clock), which an EOC lead reviews.

export const QuarantineReason = z.enum(['malformed', 'unsigned', 'bad_signature', 'unknown_device', 'revoked_device', 'out_of_role', 'equivocation', 'clock_drift', 'broken_chain']);
export type QuarantineReason = z.infer<typeof QuarantineReason>;

export const QuarantineEntry = z.object({
  eventId: z.string().nullable(),
  origin: z.string().nullable(),
  seq: z.number().int().nullable(),
  actor: z.string().nullable(),
  type: z.string().nullable(),
  reason: QuarantineReason,
  /** Why, in a sentence. */
  detail: z.string(),
  /** The event as it arrived (JSON). */
  event: z.string(),
  /** When it first arrived. */
  receivedAt: z.number(),
  /** How many times it arrived: peers resend and replay what a node lacks. */
  receipts: z.number().int(),
});
export type QuarantineEntry = z.infer<typeof QuarantineEntry>;

export const SessionPolicy = z.object({
  /** The organisation whose roster people sign in against. */
  org: z.string(),
  /** True for the built-in demo roster of the bundled scenario. */
  demo: z.boolean(),
  /** A signed-in screen locks after this long without input. */
  lockAfterMs: z.number().int().positive(),
});
export type SessionPolicy = z.infer<typeof SessionPolicy>;

export const identityMethods = {
  'session.policy': { access: 'anyone', args: z.object({}).strict(), result: SessionPolicy },
  'quarantine.list': {
    access: { may: 'sync.review' },
    args: z.object({ limit: z.number().int().min(1).max(1000).default(200) }).strict(),
    result: z.object({ total: z.number().int(), items: z.array(QuarantineEntry) }),
  },
} satisfies MethodSpecs;
