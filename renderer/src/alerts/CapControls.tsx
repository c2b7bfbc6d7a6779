import { useRef, useState } from 'react';
import type { Alert } from '../../../native/api/ops.ts';
import { useSession } from '../session/session.tsx';
import { useSelection } from '../shell/selection.tsx';
import { useToasts } from '../ui/toasts.tsx';
import { capFileName, downloadText, refusalText } from './cap-file.ts';

/** Saves the alert as a CAP 1.2 message (Alert, then Update or Cancel naming the earlier ones). */
export function CapExportButton({ alert }: { alert: Alert }) {
  const { call } = useSession();
  const toasts = useToasts();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const cap = await call('cap.export', { alertId: alert.id });
      downloadText(capFileName(cap.identifier), cap.xml);
      toasts.info(`CAP ${cap.msgType} saved (${cap.status})`);
    } catch (err) {
      toasts.error(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" className="button" onClick={() => void run()} disabled={busy} data-testid="alert-export-cap">
      Export CAP
    </button>
  );
}

/** Takes a CAP 1.2 file into the alert queue; a refused one is kept by the host, with its reasons shown here. */
export function CapImportButton() {
  const { call } = useSession();
  const { select } = useSelection();
  const toasts = useToasts();
  const input = useRef<HTMLInputElement>(null);
  const take = async (file: File) => {
    try {
      const result = await call('cap.import', { xml: await file.text(), origin: `file: ${file.name}` });
      if (!result.accepted) {
        toasts.error(new Error(refusalText(file.name, result.reasons, result.rejectedId)));
        return;
      }
      toasts.info(result.duplicate ? `${file.name} was taken in before` : `CAP ${result.msgType} taken in from ${file.name}`);
      select({ kind: 'alert', id: result.alertId });
    } catch (err) {
      toasts.error(err);
    }
  };
  return (
    <>
      <button type="button" className="button" onClick={() => input.current?.click()} data-testid="import-cap">
        Import CAP…
      </button>
      <input
        ref={input}
        type="file"
        accept=".xml,.cap,application/xml,text/xml"
        hidden
        data-testid="import-cap-file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void take(file);
        }}
      />
    </>
  );
}
