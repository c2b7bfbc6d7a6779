import type { z } from 'zod';

/** One request/response method: its argument schema and its result schema. */
export interface MethodSpec {
  args: z.ZodType;
  result: z.ZodType;
}

export type MethodSpecs = Record<string, MethodSpec>;

/** One push event: the schema of its payload. */
export type PushSpecs = Record<string, z.ZodType>;
