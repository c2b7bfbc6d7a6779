import { z } from 'zod';
import { Priority, TaskStatus, UnitKind, UnitStatus } from './ops.ts';
import type { MethodSpecs } from './spec.ts';

const Id = z.string().min(1).max(200);

/** From the first to the last moment the form covers (epoch ms); `from` is null when nothing happened yet. */
const Period = z.object({ from: z.number().nullable(), to: z.number() });

/** ICS 204 block 6: a resource assigned to the division. */
export const Ics204Resource = z.object({ id: z.string(), name: z.string(), kind: UnitKind, status: UnitStatus, quantity: z.number().nullable(), location: z.string().nullable(), note: z.string() });
/** ICS 204 block 7: one work assignment (an open task). */
export const Ics204Assignment = z.object({
  taskId: z.string(),
  title: z.string(),
  description: z.string(),
  status: TaskStatus,
  priority: Priority,
  unit: z.string().nullable(),
  dueAt: z.number().nullable(),
  overdue: z.boolean(),
  location: z.string().nullable(),
});

/** ICS 204 Assignment List: per division (a department) or per unit, who is assigned and to what. */
export const Ics204 = z.object({
  incident: z.string(),
  period: Period,
  preparedBy: z.string(),
  preparedAt: z.number(),
  divisions: z.array(
    z.object({
      /** "Fire & Rescue", or a unit's name for a form per unit. */
      name: z.string(),
      /** The department's lead (block 5, Division/Group Supervisor); null when it has none. */
      supervisor: z.string().nullable(),
      resources: z.array(Ics204Resource),
      assignments: z.array(Ics204Assignment),
    }),
  ),
});
export type Ics204 = z.infer<typeof Ics204>;

/** ICS 214 Activity Log: what one person, one unit, one department or everyone did, in time order. */
export const Ics214 = z.object({
  incident: z.string(),
  period: Period,
  subject: z.object({
    kind: z.enum(['person', 'unit', 'department', 'all']),
    /** Block 3, Name. */
    name: z.string(),
    /** Block 4, ICS Position ("Lead", "Pump"); null for a department or everyone. */
    position: z.string().nullable(),
    /** Block 5, Home Agency (and Unit). */
    agency: z.string().nullable(),
  }),
  /** Block 6, Resources Assigned. */
  resources: z.array(z.object({ name: z.string(), position: z.string(), agency: z.string() })),
  /** Block 7, oldest first. */
  entries: z.array(z.object({ at: z.number(), activity: z.string(), by: z.string() })),
  preparedBy: z.string(),
  preparedAt: z.number(),
});
export type Ics214 = z.infer<typeof Ics214>;

export const icsMethods = {
  'ics.form204': {
    access: 'signedIn',
    args: z
      .object({ department: Id.optional(), unitId: Id.optional() })
      .strict()
      .refine((a) => !(a.department && a.unitId), 'Give a department or a unit, not both'),
    result: Ics204,
  },
  'ics.form214': {
    access: 'signedIn',
    args: z
      .object({ actorId: Id.optional(), unitId: Id.optional(), department: Id.optional() })
      .strict()
      .refine((a) => [a.actorId, a.unitId, a.department].filter(Boolean).length <= 1, 'Give one person, one unit or one department, or none for everyone'),
    result: Ics214,
  },
} satisfies MethodSpecs;
