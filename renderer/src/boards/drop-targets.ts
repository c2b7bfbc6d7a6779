import { TaskStatus } from '../../../native/api/ops.ts';

/** Where a dragged card can land: a status column (a transition) or a unit (an assignment). */
export type DropTarget = { kind: 'status'; status: TaskStatus } | { kind: 'unit'; unitId: string };

export const statusDropId = (status: TaskStatus) => `status:${status}`;
export const unitDropId = (unitId: string) => `unit:${unitId}`;

/** The target a drop id names, or null for anything else. */
export function dropTarget(id: string | number | null | undefined): DropTarget | null {
  if (typeof id !== 'string') return null;
  const [kind, rest] = [id.slice(0, id.indexOf(':')), id.slice(id.indexOf(':') + 1)];
  const status = TaskStatus.safeParse(rest);
  if (kind === 'status' && status.success) return { kind: 'status', status: status.data };
  if (kind === 'unit' && rest) return { kind: 'unit', unitId: rest };
  return null;
}
