import { z } from 'zod';
import type { MethodSpecs, PushSpecs } from './spec.ts';

/** The fastest a replay plays: an hour of the flood in a minute. */
export const maxReplayRate = 60;

export const ReplayState = z.object({
  /** The recording's window in ms since the epoch: [from, to). */
  from: z.number(),
  to: z.number(),
  /** The replay's clock: everything up to and including this time has been applied. */
  at: z.number(),
  playing: z.boolean(),
  rate: z.number(),
  /** Counts seeks: a renderer reloads what it shows when this changes (the state went back or jumped). */
  seeks: z.number().int(),
  /** How far the applied events and readings trailed the clock (ms of replay time): now and the most so far. */
  lagMs: z.number(),
  maxLagMs: z.number(),
});
export type ReplayState = z.infer<typeof ReplayState>;

const Empty = z.object({}).strict();

export const replayMethods = {
  /** The replay's state; null when this node is not replaying (live or exercise). */
  'replay.state': { access: 'anyone', args: Empty, result: ReplayState.nullable() },
  'replay.play': { access: 'signedIn', args: Empty, result: ReplayState },
  'replay.pause': { access: 'signedIn', args: Empty, result: ReplayState },
  'replay.setRate': { access: 'signedIn', args: z.object({ rate: z.number().min(1).max(maxReplayRate) }).strict(), result: ReplayState },
  /** Moves the replay to `at` (clamped to the window): the state there is the one playing would have reached. */
  'replay.seek': { access: 'signedIn', args: z.object({ at: z.number().finite() }).strict(), result: ReplayState },
} satisfies MethodSpecs;

export const replayPushes = {
  'replay.state': ReplayState,
} satisfies PushSpecs;
