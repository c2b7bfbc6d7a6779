/** One thing the command palette can do; `keys` is the shortcut shown for it, if any. */
export interface Command {
  id: string;
  label: string;
  group: string;
  keys?: string;
  run(): void;
}

/** Shortcuts that work everywhere outside text fields, for the overlay. */
export const globalShortcuts: [string, string][] = [
  ['Ctrl/⌘ K', 'Command palette'],
  ['?', 'This list of shortcuts'],
  ['N', 'New task'],
  ['!', 'Raise an alert'],
  ['1 – 5', 'Go to alerts, boards, task panel, activity log, map'],
  ['Shift F', 'Field mode on/off'],
  ['Shift M', 'Alarm sound on/off'],
  ['Esc', 'Close a dialog or the task form'],
  ['Ctrl `', 'Terminal: show or hide'],
  ['Ctrl Shift C / Ctrl Shift V', 'Terminal: copy the selection / paste'],
];

/** Keys on the focused list or panel. */
export const listShortcuts: [string, string, string][] = [
  ['Boards', '↑ ↓ Home End', 'Walk the cards of a column'],
  ['Boards', '← →', 'Next or previous column'],
  ['Boards', 'Enter', 'Open the task'],
  ['Boards', 'Shift ← / Shift →', 'Move the task to the previous or next status'],
  ['Boards', 'M', 'Move the task to a status…'],
  ['Boards', 'U', 'Assign the task to a unit…'],
  ['Alerts', '↑ ↓', 'Walk the queue'],
  ['Alerts', 'A', 'Acknowledge'],
  ['Alerts', 'E', 'Escalate'],
  ['Alerts', 'R', 'Resolve'],
  ['Alerts', 'D', 'Dismiss'],
  ['Alerts', 'G', 'Show on the map'],
  ['Alerts', 'T', 'Create tasks from the alert'],
  ['Task panel', 'U', 'Assign a unit…'],
];
