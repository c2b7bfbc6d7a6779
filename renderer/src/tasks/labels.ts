import { CapCertainty, CapSeverity, CapUrgency, TaskStatus, type Alert, type Task } from '../../../native/api/ops.ts';

/** Board columns, left to right. */
export const statusColumns = TaskStatus.options;

export const statusLabel: Record<TaskStatus, string> = {
  new: 'New',
  assigned: 'Assigned',
  in_progress: 'In progress',
  blocked: 'Blocked',
  done: 'Done',
  cancelled: 'Cancelled',
};

export const priorities = ['critical', 'high', 'normal', 'low'] as const satisfies readonly Task['priority'][];

export const priorityLabel: Record<Task['priority'], string> = { critical: 'Critical', high: 'High', normal: 'Normal', low: 'Low' };

export const severities = CapSeverity.options;
export const urgencies = CapUrgency.options;
export const certainties = CapCertainty.options;
export const alertSources = ['field', 'sensor', 'model', 'cap'] as const satisfies readonly Alert['source'][];
