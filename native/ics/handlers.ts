import type { icsMethods } from '../api/ics.ts';
import type { HandlersFor } from '../rpc/handlers.ts';
import type { IcsForms } from './forms.ts';

export function createIcsHandlers(forms: IcsForms): HandlersFor<keyof typeof icsMethods> {
  return {
    'ics.form204': (args, ctx) => forms.form204(args, ctx),
    'ics.form214': (args, ctx) => forms.form214(args, ctx),
  };
}
