import { useEffect, useState } from 'react';
import type { QuarantineEntry, QuarantineReason } from '../../../native/api/identity.ts';
import { useSession } from '../session/session.tsx';
import { useTimeFormat } from './time-format.tsx';

const reasonLabel: Record<QuarantineReason, string> = {
  malformed: 'Not a valid event',
  unsigned: 'Unsigned',
  bad_signature: 'Signature does not match',
  unknown_device: 'Unknown device',
  revoked_device: 'Revoked device',
  out_of_role: 'Not allowed for its author',
  equivocation: 'Replayed or contradicting event',
  clock_drift: 'Clock too far ahead',
  broken_chain: 'Breaks its device’s chain',
};

/**
 * The quarantine (events from other devices that failed their checks: kept, never applied), as
 * the palette's dialog and the peers panel both show it. `refresh` reloads it when it changes.
 */
export function QuarantineList({ refresh }: { refresh?: number }) {
  const { call, actorName } = useSession();
  const time = useTimeFormat();
  const [list, setList] = useState<{ total: number; items: QuarantineEntry[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    call('quarantine.list', {}).then(setList, (err: Error) => setError(err.message));
  }, [call, refresh]);

  return (
    <>
      {error && <p role="alert">{error}</p>}
      {list?.total === 0 && <p className="placeholder">No event from another device has been refused.</p>}
      {list && list.total > list.items.length && <p className="muted">The newest {list.items.length} of {list.total}.</p>}
      <ul className="quarantine-list" data-testid="quarantine-list">
        {list?.items.map((q, i) => (
          <li key={`${q.eventId ?? '?'}-${q.reason}-${i}`} data-testid="quarantine-item">
            <strong>{reasonLabel[q.reason]}</strong> — {q.detail}
            <div className="muted">
              {q.type ?? 'unknown type'} by {q.actor ? actorName(q.actor) : 'unknown author'} from device {q.origin ?? '?'}
              {q.seq !== null ? ` #${q.seq}` : ''}, received <time dateTime={new Date(q.receivedAt).toISOString()}>{time.full(q.receivedAt)}</time>
              {q.receipts > 1 ? ` (${q.receipts} times)` : ''}
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
