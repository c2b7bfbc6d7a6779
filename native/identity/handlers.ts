import type { identityMethods } from '../api/identity.ts';
import type { HandlersFor } from '../rpc/handlers.ts';
import type { OpsService } from '../ops/service.ts';
import { demoRoster } from './demo-roster.ts';

/** The session policy of the roster in use, and the quarantine for an EOC lead. */
export function createIdentityHandlers(ops: Pick<OpsService, 'roster' | 'quarantined'>): HandlersFor<keyof typeof identityMethods> {
  const demo = ops.roster.adminKey === demoRoster().adminKey;
  return {
    'session.policy': () => ({ org: ops.roster.org, demo, lockAfterMs: ops.roster.lockAfterMinutes * 60_000 }),
    'quarantine.list': ({ limit }) => ops.quarantined(limit),
  };
}
