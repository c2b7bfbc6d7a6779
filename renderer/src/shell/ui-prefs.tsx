import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { usePref } from '../ui/prefs.ts';

interface UiPrefs {
  fieldMode: boolean;
  setFieldMode(on: boolean): void;
  muted: boolean;
  setMuted(on: boolean): void;
}

const UiPrefsContext = createContext<UiPrefs | null>(null);

/** Per-device display choices: field mode (compact, high contrast, big targets) and the alarm mute. */
export function UiPrefsProvider({ children }: { children: ReactNode }) {
  const [fieldMode, setFieldMode] = usePref('fieldMode', false);
  const [muted, setMuted] = usePref('muted', false);
  const value = useMemo(() => ({ fieldMode, setFieldMode, muted, setMuted }), [fieldMode, setFieldMode, muted, setMuted]);
  return <UiPrefsContext.Provider value={value}>{children}</UiPrefsContext.Provider>;
}

export function useUiPrefs(): UiPrefs {
  const prefs = useContext(UiPrefsContext);
  if (!prefs) throw new Error('useUiPrefs outside UiPrefsProvider');
  return prefs;
}
