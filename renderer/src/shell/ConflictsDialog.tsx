import { useCallback, useEffect, useState } from 'react';
import type { ConflictRecord } from '../../../native/api/ops.ts';
import { useHost } from '../bridge/host-context.tsx';
import { useSession } from '../session/session.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { ConflictItem } from './ConflictItem.tsx';
import { useSelection } from './selection.tsx';

/** Edits written over a value their author had not seen: both values, who wrote each, and the choice that settles it. */
export function ConflictsDialog({ onClose }: { onClose(): void }) {
  const { bridge } = useHost();
  const { call } = useSession();
  const { select } = useSelection();
  const [conflicts, setConflicts] = useState<ConflictRecord[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    call('conflicts.list', {}).then(setConflicts, (err: Error) => setError(err.message));
  }, [call]);
  useEffect(() => {
    load();
    return bridge.subscribe('conflicts.changed', load);
  }, [bridge, load]);

  const open = (c: ConflictRecord) => {
    onClose();
    if (c.entityKind === 'task' || c.entityKind === 'alert') select({ kind: c.entityKind, id: c.entityId });
  };

  return (
    <Dialog title="Conflicting edits" onClose={onClose}>
      {error && <p role="alert">{error}</p>}
      {conflicts?.length === 0 && <p className="placeholder">No conflicts to resolve.</p>}
      <ul className="conflict-list" data-testid="conflict-list">
        {conflicts?.map((c) => (
          <ConflictItem key={`${c.entityId}-${c.field}-${c.lostEventId}`} conflict={c} onResolved={load}>
            {(c.entityKind === 'task' || c.entityKind === 'alert') && (
              <button type="button" className="link" onClick={() => open(c)}>
                open the {c.entityKind}
              </button>
            )}
          </ConflictItem>
        ))}
      </ul>
    </Dialog>
  );
}
