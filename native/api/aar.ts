import { z } from 'zod';
import type { MethodSpecs } from './spec.ts';

/** An after-action report as the app shows and prints it. */
export const AarPaper = z.object({
  title: z.string(),
  window: z.object({ from: z.number(), to: z.number() }),
  /** One element with its own scoped style and inline SVG charts, made by native/aar (no scripts). */
  html: z.string(),
});
export type AarPaper = z.infer<typeof AarPaper>;

export const aarMethods = {
  /** The after-action report of [from, to) of this node's operations log (default: all of it). */
  'aar.report': {
    access: 'signedIn',
    args: z
      .object({ from: z.number().finite().optional(), to: z.number().finite().optional() })
      .strict()
      .refine((w) => w.from === undefined || w.to === undefined || w.to > w.from, 'the report\'s window ends before it starts (to ≤ from)'),
    result: AarPaper,
  },
} satisfies MethodSpecs;
