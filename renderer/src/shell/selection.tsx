import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import type { Location, TaskDraftPrefill } from '../tasks/task-draft.ts';

export type Selected = { kind: 'task'; id: string } | { kind: 'alert'; id: string } | null;

interface SelectionState {
  selected: Selected;
  select(selected: Selected): void;
  /** The task form's prefill while creating; null when not creating. */
  draft: TaskDraftPrefill | null;
  startCreate(prefill?: TaskDraftPrefill): void;
  endCreate(): void;
}

const SelectionContext = createContext<SelectionState | null>(null);

/** What the task panel shows: the selected task or alert, or a new task being written. */
export function SelectionProvider({ children }: { children: ReactNode }) {
  const [selected, setSelected] = useState<Selected>(null);
  const [draft, setDraft] = useState<TaskDraftPrefill | null>(null);
  const value = useMemo<SelectionState>(
    () => ({
      selected,
      select: (s) => {
        setDraft(null);
        setSelected(s);
      },
      draft,
      startCreate: (prefill = {}) => setDraft({ ...prefill }),
      endCreate: () => setDraft(null),
    }),
    [selected, draft],
  );
  return <SelectionContext.Provider value={value}>{children}</SelectionContext.Provider>;
}

export function useSelection(): SelectionState {
  const s = useContext(SelectionContext);
  if (!s) throw new Error('useSelection outside SelectionProvider');
  return s;
}

export type { Location };
