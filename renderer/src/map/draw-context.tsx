import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { createDrawStore, type DrawStore } from './draw-state.ts';

const DrawContext = createContext<DrawStore | null>(null);

/** Shares one draw store between the map and the forms that ask for an area, a line or a point:
 * `const area = await useDrawStore().request('polygon', 'Alert area')`. */
export function DrawProvider({ children }: { children: ReactNode }) {
  const store = useMemo(createDrawStore, []);
  return <DrawContext.Provider value={store}>{children}</DrawContext.Provider>;
}

export function useDrawStore(): DrawStore {
  const store = useContext(DrawContext);
  if (!store) throw new Error('useDrawStore outside DrawProvider');
  return store;
}

/** The provider's store, or one of the caller's own when the map is used without a provider. */
export function useOptionalDrawStore(): DrawStore {
  const shared = useContext(DrawContext);
  const own = useMemo(createDrawStore, []);
  return shared ?? own;
}
