import { methods, type Method } from '../api/index.ts';
import { PolderError } from '../api/errors.ts';
import type { DispatchResult } from '../api/wire.ts';
import { accessRefusal, type ActorLookup } from './access.ts';
import type { CallContext, Handlers } from './handlers.ts';
import type { Logger } from '../logger.ts';

function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.hasOwn(methods, name);
}

/**
 * Checks the method name, who may call it (its `access` in the contract, before anything about
 * the arguments is revealed), then its arguments, runs the handler, and turns every failure into
 * `{ code, message }`. Both hosts (Electron IPC and serve-mode WebSocket) call this and nothing else.
 */
export function createDispatcher(handlers: Handlers, logger: Pick<Logger, 'error'>, actorOf: ActorLookup) {
  return async function dispatch(method: unknown, rawArgs: unknown, ctx: CallContext): Promise<DispatchResult> {
    if (!isMethod(method)) {
      return { ok: false, error: { code: 'unknown_method', message: `Unknown method: ${String(method).slice(0, 100)}` } };
    }
    const refusal = accessRefusal(methods[method].access, ctx.session, method, actorOf);
    if (refusal) return { ok: false, error: refusal };
    const parsed = methods[method].args.safeParse(rawArgs ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      return { ok: false, error: { code: 'invalid_args', message: `${method}: ${where}${issue?.message ?? 'invalid arguments'}` } };
    }
    try {
      const handler = handlers[method] as (args: unknown, ctx: CallContext) => unknown;
      return { ok: true, value: await handler(parsed.data, ctx) };
    } catch (err) {
      if (err instanceof PolderError) return { ok: false, error: { code: err.code, message: err.message } };
      logger.error(`${method} failed`, err);
      return { ok: false, error: { code: 'internal', message: `${method} failed: ${err instanceof Error ? err.message : String(err)}` } };
    }
  };
}

export type Dispatch = ReturnType<typeof createDispatcher>;
