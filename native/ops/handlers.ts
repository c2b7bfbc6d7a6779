import type { HandlersFor } from '../rpc/handlers.ts';
import type { opsMethods } from '../api/ops.ts';
import { alertHandlers } from './commands/alerts.ts';
import { conflictHandlers } from './commands/conflicts.ts';
import { operationHandlers } from './commands/operations.ts';
import { readHandlers } from './commands/reads.ts';
import { taskHandlers } from './commands/tasks.ts';
import type { OpsCore } from './core.ts';

export type OpsHandlers = HandlersFor<keyof typeof opsMethods>;

/** Every method of the operations contract. `storage` answers storage.status. */
export function createOpsHandlers(core: OpsCore, storage: { path: string; deviceId: string; events(): number }): OpsHandlers {
  return {
    ...readHandlers(core),
    ...taskHandlers(core),
    ...alertHandlers(core),
    ...operationHandlers(core),
    ...conflictHandlers(core),
    'storage.status': () => ({ alarm: core.alarm(), path: storage.path, deviceId: storage.deviceId, events: storage.events() }),
  };
}
