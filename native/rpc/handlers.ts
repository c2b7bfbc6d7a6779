import type { Invoke, Method, ParsedArgs } from '../api/index.ts';

/**
 * One connected renderer: a window under Electron, a WebSocket under serve mode.
 * `actorId` is who is signed in at that renderer (null until sign-in).
 */
export interface Session {
  readonly id: string;
  actorId: string | null;
}

export interface CallContext {
  session: Session;
}

export type Handler<M extends Method> = (
  args: ParsedArgs<M>,
  ctx: CallContext,
) => Invoke[M][1] | Promise<Invoke[M][1]>;

/** A handler for every method: `satisfies Handlers` makes a missing one a compile error. */
export type Handlers = { [M in Method]: Handler<M> };

/** The handlers one domain contributes. */
export type HandlersFor<K extends Method> = { [M in K]: Handler<M> };
