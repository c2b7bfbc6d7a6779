import { useEffect, useRef } from 'react';

export interface GlobalKeyHandlers {
  palette(): void;
  shortcuts(): void;
  newTask(): void;
  raiseAlert(): void;
  region(n: number): void;
  toggleField(): void;
  toggleMute(): void;
  escape(): void;
  /** Ctrl+`: show or hide the terminal. */
  terminal(): void;
}

function typingIn(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || target.closest('textarea, select, input:not([type=checkbox]):not([type=radio]):not([type=button])') !== null);
}

/** Window-wide shortcuts; lists and panels handle their own keys first and mark them handled. */
export function useGlobalKeys(handlers: GlobalKeyHandlers): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const h = ref.current;
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        h.palette();
        return;
      }
      if (e.ctrlKey && !e.altKey && !e.shiftKey && (e.code === 'Backquote' || e.key === '`')) {
        e.preventDefault();
        h.terminal();
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey || typingIn(e.target) || document.querySelector('dialog[open]')) return;
      const run = (fn: () => void) => {
        e.preventDefault();
        fn();
      };
      if (e.key === '?') run(h.shortcuts);
      else if (e.key === '!') run(h.raiseAlert);
      else if (e.key === 'n' && !e.shiftKey) run(h.newTask);
      else if (e.key === 'F' && e.shiftKey) run(h.toggleField);
      else if (e.key === 'M' && e.shiftKey) run(h.toggleMute);
      else if (/^[1-5]$/.test(e.key)) run(() => h.region(Number(e.key)));
      else if (e.key === 'Escape') h.escape();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
