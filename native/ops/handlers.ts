import type { HandlersFor } from '../rpc/handlers.ts';
import type { opsMethods } from '../api/ops.ts';
import { alertHandlers } from './commands/alerts.ts';
import { conflictHandlers } from './commands/conflicts.ts';
import { operationHandlers } from './commands/operations.ts';
import { readHandlers } from './commands/reads.ts';
import { taskHandlers } from './commands/tasks.ts';
import type { OpsCore } from './core.ts';
import type { SignIn } from '../identity/sign-in.ts';

export type OpsHandlers = HandlersFor<keyof typeof opsMethods>;

/** Every method of the operations contract. `storage` answers storage.status; `signIn` checks a person's secret. */
export function createOpsHandlers(core: OpsCore, storage: { path: string; deviceId: string; events(): number }, signIn: SignIn): OpsHandlers {
  return {
    ...readHandlers(core, signIn),
    ...taskHandlers(core),
    ...alertHandlers(core),
    ...operationHandlers(core),
    ...conflictHandlers(core),
    'storage.status': () => ({ alarm: core.alarm(), path: storage.path, deviceId: storage.deviceId, events: storage.events() }),
  };
}
