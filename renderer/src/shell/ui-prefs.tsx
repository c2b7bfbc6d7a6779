import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { usePref } from '../ui/prefs.ts';

interface UiPrefs {
  fieldMode: boolean;
  setFieldMode(on: boolean): void;
  muted: boolean;
  setMuted(on: boolean): void;
  /** Times in UTC instead of the device's zone. */
  utc: boolean;
  setUtc(on: boolean): void;
}

const UiPrefsContext = createContext<UiPrefs | null>(null);

/** Per-device display choices: field mode (compact, high contrast, big targets), the alarm mute and UTC times. */
export function UiPrefsProvider({ children }: { children: ReactNode }) {
  const [fieldMode, setFieldMode] = usePref('fieldMode', false);
  const [muted, setMuted] = usePref('muted', false);
  const [utc, setUtc] = usePref('utc', false);
  const value = useMemo(() => ({ fieldMode, setFieldMode, muted, setMuted, utc, setUtc }), [fieldMode, setFieldMode, muted, setMuted, utc, setUtc]);
  return <UiPrefsContext.Provider value={value}>{children}</UiPrefsContext.Provider>;
}

export function useUiPrefs(): UiPrefs {
  const prefs = useContext(UiPrefsContext);
  if (!prefs) throw new Error('useUiPrefs outside UiPrefsProvider');
  return prefs;
}
