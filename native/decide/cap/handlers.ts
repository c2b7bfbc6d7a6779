import type { capMethods } from '../../api/cap.ts';
import type { HandlersFor } from '../../rpc/handlers.ts';
import type { CapService } from './cap-service.ts';

export function createCapHandlers(cap: CapService): HandlersFor<keyof typeof capMethods> {
  return {
    'cap.export': ({ alertId }, ctx) => cap.export(alertId, ctx),
    'cap.import': ({ xml, origin }, ctx) => cap.import(Buffer.from(xml, 'utf8'), origin, ctx),
    'cap.validate': ({ xml }) => cap.validate(xml),
    'cap.rejected': ({ limit }) => cap.rejected(limit),
  };
}
