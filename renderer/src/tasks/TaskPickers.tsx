import type { Task, TaskStatus } from '../../../native/api/ops.ts';
import { useSession } from '../session/session.tsx';
import { ChoiceDialog } from '../ui/ChoiceDialog.tsx';
import { statusColumns, statusLabel } from './labels.ts';

/** Choose the unit for a task: its own department's units first. */
export function UnitPicker({ task, onChoose, onClose }: { task: Task; onChoose(unitId: string | null): void; onClose(): void }) {
  const { units, departmentName } = useSession();
  const own = units.filter((u) => u.department === task.department);
  const others = units.filter((u) => u.department !== task.department);
  const choices = [...own, ...others].map((u) => ({
    id: u.id,
    label: u.name,
    detail: `${departmentName(u.department)} · ${u.kind} · ${u.status.replace('_', ' ')}`,
    disabled: u.id === task.unitId,
    ...(u.id === task.unitId ? { reason: 'Already on this task' } : {}),
  }));
  if (task.unitId) choices.push({ id: '', label: 'Unassign', detail: 'Take the unit off this task', disabled: false });
  return <ChoiceDialog title={`Assign a unit: ${task.title}`} choices={choices} onChoose={(id) => onChoose(id || null)} onClose={onClose} testId="unit-picker" />;
}

/** Choose the status to move a task to: only the moves native says this user may make now; the others say why not. */
export function StatusPicker({ task, onChoose, onClose }: { task: Task; onChoose(status: TaskStatus): void; onClose(): void }) {
  const choices = statusColumns.map((s) => {
    const enabled = task.allowedTransitions.includes(s) || task.assignMovesTo === s;
    const reason = s === task.status ? 'It is here now' : task.refusedTransitions.find((r) => r.statuses.includes(s))?.reason;
    return { id: s, label: statusLabel[s], disabled: !enabled, ...(enabled ? { detail: task.assignMovesTo === s && !task.allowedTransitions.includes(s) ? 'by assigning a unit' : undefined } : { reason }) };
  });
  return <ChoiceDialog title={`Move: ${task.title}`} choices={choices} onChoose={(id) => onChoose(id as TaskStatus)} onClose={onClose} testId="status-picker" />;
}
