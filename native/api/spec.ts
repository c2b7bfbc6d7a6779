import type { z } from 'zod';
import type { Access } from './access.ts';

/** One request/response method: who may call it, its argument schema and its result schema. */
export interface MethodSpec {
  access: Access;
  args: z.ZodType;
  result: z.ZodType;
}

export type MethodSpecs = Record<string, MethodSpec>;

/** One push event: the schema of its payload. */
export type PushSpecs = Record<string, z.ZodType>;
