import { useEffect } from 'react';

const activity = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

/** Calls `lock` once nobody has touched this window for `afterMs` while `active`. */
export function useIdleLock(active: boolean, afterMs: number, lock: () => void): void {
  useEffect(() => {
    if (!active || afterMs <= 0) return;
    let timer = setTimeout(lock, afterMs);
    const restart = () => {
      clearTimeout(timer);
      timer = setTimeout(lock, afterMs);
    };
    for (const type of activity) window.addEventListener(type, restart, { passive: true, capture: true });
    return () => {
      clearTimeout(timer);
      for (const type of activity) window.removeEventListener(type, restart, { capture: true });
    };
  }, [active, afterMs, lock]);
}
