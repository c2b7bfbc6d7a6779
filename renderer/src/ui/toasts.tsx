import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';

interface Toast {
  id: number;
  kind: 'error' | 'warn' | 'info';
  text: string;
}

interface Toasts {
  error(err: unknown): void;
  info(text: string): void;
  /** Done, but something needs a person's attention (a conflict to resolve). */
  warn(text: string): void;
}

const ToastContext = createContext<Toasts | null>(null);

/** Messages from native (errors carry its own wording: forbidden, illegal_transition …). */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);
  const push = useCallback((kind: Toast['kind'], text: string) => {
    const id = nextId.current++;
    setToasts((list) => [...list.slice(-3), { id, kind, text }]);
    setTimeout(() => setToasts((list) => list.filter((t) => t.id !== id)), kind === 'info' ? 4000 : 8000);
  }, []);
  const api = useMemo<Toasts>(
    () => ({
      error: (err) => push('error', err instanceof Error ? err.message : String(err)),
      info: (text) => push('info', text),
      warn: (text) => push('warn', text),
    }),
    [push],
  );
  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className="toasts" role="status" aria-live="polite">
        {toasts.map((t) => (
          <div key={t.id} className={`toast toast-${t.kind}`} data-testid={`toast-${t.kind}`} role={t.kind === 'info' ? undefined : 'alert'}>
            {t.text}
            <button type="button" className="toast-close" aria-label="Dismiss message" onClick={() => setToasts((list) => list.filter((x) => x.id !== t.id))}>
              ×
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToasts(): Toasts {
  const toasts = useContext(ToastContext);
  if (!toasts) throw new Error('useToasts outside ToastProvider');
  return toasts;
}
