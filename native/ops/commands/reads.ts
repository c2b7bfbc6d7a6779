import type { HandlersFor } from '../../rpc/handlers.ts';
import type { OpsCore } from '../core.ts';
import { queryTimeline } from '../views.ts';
import type { SignIn } from '../../identity/sign-in.ts';

type ReadMethods = 'session.login' | 'session.logout' | 'session.current' | 'actors.list' | 'departments.list' | 'board.query' | 'board.rows' | 'board.dueRows' | 'timeline.query';

export function readHandlers(core: OpsCore, signIn: SignIn): HandlersFor<ReadMethods> {
  return {
    async 'session.login'(args, ctx) {
      // A failed attempt signs the window out: whoever was signed in there does not stay so.
      ctx.session.actorId = null;
      const actor = await signIn(args.actorId, args.secret);
      ctx.session.actorId = actor.id;
      return actor;
    },
    'session.logout'(_args, ctx) {
      ctx.session.actorId = null;
      return null;
    },
    'session.current': (_args, ctx) => core.directory.actors.find((a) => a.id === ctx.session.actorId) ?? null,
    'actors.list': () => core.directory.actors,
    'departments.list': () => core.directory.departments,

    'board.query'(args, ctx) {
      const actor = core.actor(ctx);
      return core.board.board(args, core.now(), actor, core.directory.departments, core.taskSeq());
    },

    'board.rows'(args, ctx) {
      const actor = core.actor(ctx);
      const { ids, ...filter } = args;
      return core.board.rows(filter, core.now(), actor, ids);
    },

    'board.dueRows'(args, ctx) {
      const actor = core.actor(ctx);
      const { since, ...filter } = args;
      const now = core.now();
      return core.board.rows(filter, now, actor, core.board.dueIds(since, now));
    },

    'timeline.query'(args, ctx) {
      core.actor(ctx);
      return queryTimeline(core.db, args);
    },
  };
}
