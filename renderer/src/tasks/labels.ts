import type { Alert, Task, TaskStatus } from '../../../native/api/ops.ts';

/** Board columns, left to right. */
export const statusColumns = ['new', 'assigned', 'in_progress', 'blocked', 'done', 'cancelled'] as const satisfies readonly TaskStatus[];

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

export const severities = ['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown'] as const satisfies readonly Alert['severity'][];
export const urgencies = ['Immediate', 'Expected', 'Future', 'Past', 'Unknown'] as const satisfies readonly Alert['urgency'][];
export const certainties = ['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown'] as const satisfies readonly Alert['certainty'][];
export const alertSources = ['field', 'sensor', 'model', 'cap'] as const satisfies readonly Alert['source'][];
