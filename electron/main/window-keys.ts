import { appOrigin } from './origin.ts';

/**
 * A window's layout key: the lowest number no open window uses, so the second monitor's window
 * gets back the layout it had last time. The renderer reads it from the page's hash.
 */
export function freeWindowKey(used: Iterable<number>): number {
  const taken = new Set(used);
  let key = 1;
  while (taken.has(key)) key++;
  return key;
}

export function windowUrl(key: number): string {
  return `${appOrigin}/index.html#window=${key}`;
}

/** A request from the app to open another of its own windows (window.open of its own page). */
export function isNewWindowRequest(url: string): boolean {
  return url === `${appOrigin}/index.html` || url.startsWith(`${appOrigin}/index.html#`);
}
