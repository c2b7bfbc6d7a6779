import { useEffect, useRef, type ReactNode } from 'react';

/** A modal on the native <dialog>: focus is trapped, Escape closes, focus returns where it was. Mark the first field `data-autofocus`.
 * `away` steps the modal aside (closed, its state kept) while the user works elsewhere, e.g. picks a point on the map. */
export function Dialog({ title, onClose, children, className, away = false }: { title: string; onClose: () => void; children: ReactNode; className?: string; away?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  const closeRef = useRef(onClose);
  closeRef.current = onClose;
  useEffect(() => {
    const dialog = ref.current!;
    const opener = document.activeElement as HTMLElement | null;
    dialog.showModal();
    // showModal focuses the first focusable element (the close button); React's autoFocus ran before it.
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    const cancel = (event: Event) => {
      event.preventDefault();
      closeRef.current();
    };
    dialog.addEventListener('cancel', cancel);
    return () => {
      dialog.removeEventListener('cancel', cancel);
      dialog.close();
      opener?.focus?.();
    };
  }, []);
  const wasAway = useRef(away);
  useEffect(() => {
    const dialog = ref.current!;
    if (away && dialog.open) dialog.close();
    else if (!away && wasAway.current && !dialog.open) dialog.showModal();
    wasAway.current = away;
  }, [away]);
  const titleId = `dialog-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <dialog ref={ref} className={`dialog ${className ?? ''}`} aria-labelledby={titleId}>
      <header className="dialog-header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </header>
      {children}
    </dialog>
  );
}
