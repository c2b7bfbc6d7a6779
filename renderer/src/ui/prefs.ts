import { useCallback, useState } from 'react';

/** Per-device UI preferences (field mode, mute, last sign-in): plain localStorage, never business data. */
export function readPref<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(`polder.${key}`);
    return raw === null ? fallback : (JSON.parse(raw) as T);
  } catch {
    return fallback;
  }
}

export function writePref(key: string, value: unknown): void {
  try {
    if (value === null || value === undefined) localStorage.removeItem(`polder.${key}`);
    else localStorage.setItem(`polder.${key}`, JSON.stringify(value));
  } catch {
    // A full or disabled localStorage only costs remembering the preference.
  }
}

export function usePref<T>(key: string, fallback: T): [T, (value: T) => void] {
  const [value, setValue] = useState<T>(() => readPref(key, fallback));
  const set = useCallback(
    (next: T) => {
      writePref(key, next);
      setValue(next);
    },
    [key],
  );
  return [value, set];
}
