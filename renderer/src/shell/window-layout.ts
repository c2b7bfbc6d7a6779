import { usePref } from '../ui/prefs.ts';

/**
 * This window's layout key, from `#window=N` in its URL: the desktop app numbers its windows
 * (the lowest free number), so each monitor's window keeps its own layout. 1 when absent.
 */
export function windowKey(hash: string): number {
  const match = /(?:^#|&)window=(\d{1,3})(?:&|$)/.exec(hash);
  const key = match ? Number(match[1]) : 1;
  return key >= 1 ? key : 1;
}

/** A layout choice of this window only (which region or board it shows), remembered per window key. */
export function useWindowPref<T>(name: string, fallback: T): [T, (value: T) => void] {
  return usePref(`window.${windowKey(location.hash)}.${name}`, fallback);
}

/**
 * Opens another window of the app. The desktop app turns this request for its own page into a
 * window of its own making (with the next free key); a browser opens a tab on the same server.
 */
export function openNewWindow(): void {
  window.open(`${location.pathname}#window=${windowKey(location.hash) + 1}`, '_blank', 'noopener');
}
