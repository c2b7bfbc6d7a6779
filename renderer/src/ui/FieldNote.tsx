import { countFrom } from './field-issues.ts';

/** Under a field: its error in plain words, and how many characters of its limit are used once
 * near it. Point the field's `aria-describedby` at `id`. */
export function FieldNote({ id, error, length, limit }: { id: string; error?: string | undefined; length?: number; limit?: number }) {
  const counting = length !== undefined && limit !== undefined && length >= limit * countFrom;
  if (!error && !counting) return <span id={id} hidden />;
  return (
    <span id={id} className="field-note">
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
      {counting && (
        <span className={`char-count ${length > limit ? 'over' : ''}`} aria-live="polite">
          {length.toLocaleString('en')} / {limit.toLocaleString('en')} characters
        </span>
      )}
    </span>
  );
}
