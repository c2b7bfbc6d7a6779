import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import type { WhatIfComparison } from '../../../native/api/decide.ts';

/** The what-if difference the map draws: the comparison and the what-if's name, or null for none. */
export interface ShownWhatIf {
  name: string;
  diff: WhatIfComparison;
}

interface WhatIfOverlay {
  shown: ShownWhatIf | null;
  show(next: ShownWhatIf | null): void;
}

const WhatIfOverlayContext = createContext<WhatIfOverlay | null>(null);

/** The seam between the what-if table (drafts panel), which toggles a difference on, and the map, which draws it. */
export function WhatIfOverlayProvider({ children }: { children: ReactNode }) {
  const [shown, show] = useState<ShownWhatIf | null>(null);
  const value = useMemo(() => ({ shown, show }), [shown]);
  return <WhatIfOverlayContext.Provider value={value}>{children}</WhatIfOverlayContext.Provider>;
}

/** The shared overlay; without a provider (a panel in its own window), a local one the map never sees. */
export function useWhatIfOverlay(): WhatIfOverlay {
  const shared = useContext(WhatIfOverlayContext);
  const [own, setOwn] = useState<ShownWhatIf | null>(null);
  return shared ?? { shown: own, show: setOwn };
}

/** The comparison's per-cell classes (base64, one byte a cell). */
export function diffClasses(diff: WhatIfComparison): Uint8Array {
  const bytes = Uint8Array.from(atob(diff.classes), (c) => c.charCodeAt(0));
  if (bytes.length !== diff.nx * diff.ny) throw new Error(`the what-if difference has ${bytes.length} cells, expected ${diff.nx * diff.ny}`);
  return bytes;
}
