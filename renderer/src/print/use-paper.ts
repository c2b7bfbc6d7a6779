import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { PrintJob } from '../../../native/api/desktop.ts';
import { useSession } from '../session/session.tsx';
import { useToasts } from '../ui/toasts.tsx';

type Output = { to: 'printer' } | { to: 'pdf'; label: string };

/**
 * Paper: a print view rendered for print media only. A command mounts the view for its job and,
 * once its data is in (`onReady`), prints it, or has the desktop app save it as PDF. The browser's
 * own Print (Ctrl P) gets the shown board rather than a page of screen.
 */
export function usePaper(department: string | null) {
  const { call } = useSession();
  const toasts = useToasts();
  // Each command mounts its view afresh (`key`), so a second print reads the data anew.
  const [shown, setShown] = useState<{ job: PrintJob; key: number } | null>(null);
  const pending = useRef<{ job: PrintJob; output: Output } | null>(null);

  const onReady = useCallback(() => {
    const next = pending.current;
    pending.current = null;
    if (!next) return;
    if (next.output.to === 'printer') setTimeout(() => window.print(), 0);
    else
      call('desktop.savePdf', { job: next.job, label: next.output.label }).then(
        ({ path }) => path && toasts.info(`Saved as PDF: ${path}`),
        (err: unknown) => toasts.error(err),
      );
  }, [call, toasts]);

  useEffect(() => {
    const before = () => flushSync(() => setShown((now) => now ?? { job: { kind: 'board', department }, key: 0 }));
    window.addEventListener('beforeprint', before);
    return () => window.removeEventListener('beforeprint', before);
  }, [department]);

  const commands = useMemo(() => {
    const start = (next: PrintJob, output: Output) => {
      pending.current = { job: next, output };
      setShown((now) => ({ job: next, key: (now?.key ?? 0) + 1 }));
    };
    return {
      print: (next: PrintJob) => start(next, { to: 'printer' }),
      /** Desktop app only: the print view to a PDF file the person chooses. */
      savePdf: (next: PrintJob, label: string) => start(next, { to: 'pdf', label }),
    };
  }, []);

  return { shown, onReady, ...commands };
}
