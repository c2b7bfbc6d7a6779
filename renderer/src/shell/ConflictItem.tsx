import { useState, type FormEvent, type ReactNode } from 'react';
import type { ConflictRecord } from '../../../native/api/ops.ts';
import { useSession } from '../session/session.tsx';
import { useTimeFormat } from './time-format.tsx';
import { useToasts } from '../ui/toasts.tsx';

const show = (value: unknown) => (value === null || value === undefined || value === '' ? '(none)' : typeof value === 'string' ? value : JSON.stringify(value));
/** Fields a person may settle with a value of their own (native checks it as it checks tasks.update). */
const writable = new Set(['title', 'description']);

/** One conflict: both values with their authors, and the choice that resolves it (itself an event). */
export function ConflictItem({ conflict, onResolved, children }: { conflict: ConflictRecord; onResolved?(): void; children?: ReactNode }) {
  const time = useTimeFormat();
  const { call, actorName } = useSession();
  const toasts = useToasts();
  const [writing, setWriting] = useState(false);
  const [text, setText] = useState(typeof conflict.keptValue === 'string' ? conflict.keptValue : '');
  const who = (id: string | null) => (id ? actorName(id) : 'someone');

  const resolve = async (value: unknown) => {
    try {
      await call('conflicts.resolve', { entityId: conflict.entityId, field: conflict.field, value, seen: conflict.entityVersion });
      toasts.info(`Resolved ${conflict.field}: ${show(value)}`);
      onResolved?.();
    } catch (err) {
      toasts.error(err);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void resolve(text);
  };

  return (
    <li data-testid="conflict" data-field={conflict.field}>
      <strong>{conflict.field}</strong>: {who(conflict.keptActorId)} wrote “{show(conflict.keptValue)}” over {who(conflict.lostActorId)}’s “{show(conflict.lostValue)}” without having seen it (<span title={time.full(conflict.at)}>{time.short(conflict.at)}</span>).{' '}
      {children}
      <div className="conflict-actions" role="group" aria-label={`Resolve ${conflict.field}`}>
        <button type="button" className="button" onClick={() => void resolve(conflict.keptValue)} data-testid="conflict-keep">
          Keep “{show(conflict.keptValue)}”
        </button>
        <button type="button" className="button" onClick={() => void resolve(conflict.lostValue)} data-testid="conflict-use-lost">
          Use “{show(conflict.lostValue)}”
        </button>
        {conflict.entityKind === 'task' && writable.has(conflict.field) && !writing && (
          <button type="button" className="button" onClick={() => setWriting(true)}>
            Write another…
          </button>
        )}
      </div>
      {writing && (
        <form className="form conflict-write" onSubmit={submit}>
          <label className="field">
            <span>New {conflict.field}</span>
            <input required maxLength={conflict.field === 'title' ? 200 : 4000} value={text} onChange={(e) => setText(e.target.value)} data-autofocus />
          </label>
          <button type="submit" className="button primary">
            Resolve with this
          </button>
        </form>
      )}
    </li>
  );
}
