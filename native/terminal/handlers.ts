import { PolderError } from '../api/errors.ts';
import type { CallContext, HandlersFor } from '../rpc/handlers.ts';
import type { terminalMethods } from '../api/terminal.ts';
import type { Terminals } from './terminals.ts';

type TerminalMethod = keyof typeof terminalMethods;

/** A shell is the whole machine: only a signed-in session gets one. */
function signedInSession(ctx: CallContext): string {
  if (!ctx.session.actorId) throw new PolderError('unauthenticated', 'Sign in first: the terminal is for signed-in users');
  return ctx.session.id;
}

/** The terminal methods; `terminals` is null where the host has the terminal off. */
export function createTerminalHandlers(terminals: Terminals | null): HandlersFor<TerminalMethod> {
  const enabled = (): Terminals => {
    if (!terminals) throw new PolderError('unavailable', 'The terminal is off in this host: serve mode offers it only when started with `polder serve --terminal` (on a loopback address)');
    return terminals;
  };
  return {
    'terminal.open': (args, ctx) => enabled().open(signedInSession(ctx), args),
    'terminal.input'(args, ctx) {
      enabled().input(signedInSession(ctx), args.id, args.data);
      return null;
    },
    'terminal.resize'(args, ctx) {
      enabled().resize(signedInSession(ctx), args.id, args.cols, args.rows);
      return null;
    },
    async 'terminal.close'(args, ctx) {
      await enabled().close(signedInSession(ctx), args.id);
      return null;
    },
  };
}
