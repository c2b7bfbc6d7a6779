import { describe, expect, it } from 'vitest';
import { takePageKey } from './page-key.ts';

/** The Web Storage interface over a Map, as a browser's localStorage behaves for one origin. */
class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

function addressBar(hash: string) {
  const replaced: string[] = [];
  return { location: { hash, pathname: '/', search: '' }, history: { replaceState: (_: unknown, __: string, url?: string | URL | null) => replaced.push(String(url)) }, replaced };
}

describe('the serve page key', () => {
  it('is taken from the fragment once, removed from the address bar and kept for reloads and restarts', () => {
    const storage = new MemoryStorage();
    const first = addressBar('#polder-key=abc123');
    expect(takePageKey(first.location, first.history, storage)).toBe('abc123');
    expect(first.replaced).toEqual(['/']);
    const reload = addressBar('');
    expect(takePageKey(reload.location, reload.history, storage)).toBe('abc123');
    expect(reload.replaced).toEqual([]);
  });

  it('a newer key in the fragment replaces the stored one', () => {
    const storage = new MemoryStorage();
    storage.setItem('polder.serve.pageKey', 'old');
    const bar = addressBar('#polder-key=new');
    expect(takePageKey(bar.location, bar.history, storage)).toBe('new');
    expect(takePageKey(addressBar('').location, bar.history, storage)).toBe('new');
  });

  it('is null on a page that never got one, and still works for this page when storage refuses it', () => {
    expect(takePageKey(addressBar('').location, addressBar('').history, new MemoryStorage())).toBeNull();
    const refusing = new MemoryStorage();
    refusing.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    const bar = addressBar('#polder-key=k');
    expect(takePageKey(bar.location, bar.history, refusing)).toBe('k');
    expect(takePageKey(bar.location, bar.history, null)).toBe('k');
  });
});
