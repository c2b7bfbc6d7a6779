import { z } from 'zod';
import type { MethodSpecs } from './spec.ts';

/** A CAP document as sent over the contract: at most 1 MiB of XML (a real alert is a few KB). */
const CapDocument = z.string().min(1, 'The CAP document is empty').max(1024 * 1024, 'A CAP document may be at most 1 MiB');

export const CapExport = z.object({
  identifier: z.string(),
  msgType: z.enum(['Alert', 'Update', 'Cancel']),
  /** Actual, or Exercise whenever the app's clock is not live. */
  status: z.enum(['Actual', 'Exercise']),
  xml: z.string(),
});
export type CapExport = z.infer<typeof CapExport>;

export const CapImport = z.discriminatedUnion('accepted', [
  z.object({
    accepted: z.literal(true),
    /** The queue's alert the message raised, repeated (an Update) or resolved (a Cancel). */
    alertId: z.string(),
    msgType: z.enum(['Alert', 'Update', 'Cancel']),
    /** The same message (sender and identifier) was taken in before: nothing changed. */
    duplicate: z.boolean(),
  }),
  z.object({
    accepted: z.literal(false),
    /** Why, in words a person reads: schema errors with their line, broken rules of the spec. */
    reasons: z.array(z.string()),
    /** Where the refused document is kept (`cap.rejected`). */
    rejectedId: z.number().int(),
  }),
]);
export type CapImport = z.infer<typeof CapImport>;

export const CapRejected = z.object({
  id: z.number().int(),
  receivedAt: z.number(),
  origin: z.string(),
  reasons: z.array(z.string()),
  /** Size of the document kept, in bytes. */
  bytes: z.number().int(),
});
export type CapRejected = z.infer<typeof CapRejected>;

export const capMethods = {
  /** The alert as CAP 1.2 XML: an Alert first, then Update or (once closed) Cancel naming the earlier ones. */
  'cap.export': { access: { may: 'alert.raise' }, args: z.object({ alertId: z.string().min(1).max(200) }).strict(), result: CapExport },
  /** A CAP 1.2 document into the alert queue; a malformed one is refused with reasons and kept. */
  'cap.import': {
    access: { may: 'alert.raise' },
    args: z.object({ xml: CapDocument, origin: z.string().trim().min(1).max(200).default('upload') }).strict(),
    result: CapImport,
  },
  'cap.validate': { access: 'signedIn', args: z.object({ xml: CapDocument }).strict(), result: z.object({ valid: z.boolean(), reasons: z.array(z.string()) }) },
  /** Refused CAP documents, newest first. */
  'cap.rejected': { access: 'signedIn', args: z.object({ limit: z.number().int().min(1).max(1000).default(100) }).strict(), result: z.array(CapRejected) },
} satisfies MethodSpecs;
