import { useEffect, useState } from 'react';
import type { ConflictRecord } from '../../../native/api/ops.ts';
import { useSession } from '../session/session.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { useTimeFormat } from './time-format.tsx';
import { useSelection } from './selection.tsx';

const show = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/** Concurrent edits the log merged: what was kept, what was not applied, whose it was. */
export function ConflictsDialog({ onClose }: { onClose(): void }) {
  const time = useTimeFormat();
  const { call, actorName } = useSession();
  const { select } = useSelection();
  const [conflicts, setConflicts] = useState<ConflictRecord[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    call('conflicts.list', {}).then(setConflicts, (err: Error) => setError(err.message));
  }, [call]);

  // A conflict names its entity but not its kind; the entity's log lines do.
  const open = async (entityId: string) => {
    const [entry] = await call('timeline.query', { entityId, limit: 1 }).catch(() => []);
    onClose();
    if (entry?.kind === 'task' || entry?.kind === 'alert') select({ kind: entry.kind, id: entityId });
  };

  return (
    <Dialog title="Merged concurrent edits" onClose={onClose}>
      {error && <p role="alert">{error}</p>}
      {conflicts?.length === 0 && <p className="placeholder">No concurrent edits so far.</p>}
      <ul className="conflict-list">
        {conflicts?.map((c) => (
          <li key={c.lostEventId}>
            <strong>{c.field}</strong>: kept “{show(c.keptValue)}”; not applied “{show(c.lostValue)}” by {c.lostActorId ? actorName(c.lostActorId) : 'unknown'} ({time.short(c.at)}){' '}
            <button type="button" className="link" onClick={() => void open(c.entityId)}>
              open the item
            </button>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
