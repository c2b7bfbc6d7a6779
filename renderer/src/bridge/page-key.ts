import { pageKeyFragment } from '../../../native/api/wire.ts';

const storageKey = 'polder.serve.pageKey';

/**
 * Serve mode's page key: handed over once in the URL fragment (`#polder-key=…`, which no browser
 * sends to any server), then kept in this origin's storage — which no other port can read — so a
 * reload, a second tab and a host restart all reconnect without the printed URL. The fragment is
 * removed from the address bar at once. Null when the page never got one.
 */
export function takePageKey(location: Pick<Location, 'hash' | 'pathname' | 'search'>, history: Pick<History, 'replaceState'>, storage: Storage | null): string | null {
  const fromUrl = new URLSearchParams(location.hash.replace(/^#/, '')).get(pageKeyFragment);
  if (fromUrl) {
    history.replaceState(null, '', location.pathname + location.search);
    try {
      storage?.setItem(storageKey, fromUrl);
    } catch {
      // Storage refused (private mode, quota): this page still has the key in memory.
    }
    return fromUrl;
  }
  try {
    return storage?.getItem(storageKey) ?? null;
  } catch {
    return null;
  }
}
