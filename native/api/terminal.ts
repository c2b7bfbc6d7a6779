import { z } from 'zod';
import type { MethodSpecs, PushSpecs } from './spec.ts';

// The integrated terminal: a shell on the machine that runs the services, one pty per tab.
// Every method needs a signed-in session; a terminal belongs to the session that opened it, and
// its output is pushed to that session only.

const TerminalId = z.string().min(1).max(64);
const cols = z.number().int().min(2).max(1000);
const rows = z.number().int().min(1).max(500);

export const TerminalOpened = z.object({
  id: TerminalId,
  /** The shell that runs, e.g. /bin/bash. */
  shell: z.string(),
});
export type TerminalOpened = z.infer<typeof TerminalOpened>;

export const TerminalOutput = z.object({ id: TerminalId, data: z.string() });
export type TerminalOutput = z.infer<typeof TerminalOutput>;

export const TerminalExit = z.object({
  id: TerminalId,
  exitCode: z.number().int(),
  /** The signal that ended the shell, if one did. */
  signal: z.number().int().nullable(),
});
export type TerminalExit = z.infer<typeof TerminalExit>;

export const terminalMethods = {
  'terminal.open': { access: 'signedIn', args: z.object({ cols, rows }).strict(), result: TerminalOpened },
  /** Keystrokes or pasted text, as the terminal encodes them. */
  'terminal.input': { access: 'signedIn', args: z.object({ id: TerminalId, data: z.string().max(1024 * 1024) }).strict(), result: z.null() },
  'terminal.resize': { access: 'signedIn', args: z.object({ id: TerminalId, cols, rows }).strict(), result: z.null() },
  /** Ends the shell (SIGHUP, as closing a terminal window does). */
  'terminal.close': { access: 'signedIn', args: z.object({ id: TerminalId }).strict(), result: z.null() },
} satisfies MethodSpecs;

export const terminalPushes = {
  'terminal.output': TerminalOutput,
  'terminal.exit': TerminalExit,
} satisfies PushSpecs;
