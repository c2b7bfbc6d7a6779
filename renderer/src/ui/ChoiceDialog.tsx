import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { bestChoice, matching, type Choice } from './choice-match.ts';
import { Dialog } from './Dialog.tsx';

export type { Choice } from './choice-match.ts';

/**
 * Pick one thing by keyboard or touch: type to filter (Enter takes the best match), arrows and
 * Enter, or the number shown while nothing is typed. A disabled choice shows why.
 */
export function ChoiceDialog({ title, choices, onChoose, onClose, testId }: { title: string; choices: Choice[]; onChoose(id: string): void; onClose(): void; testId?: string }) {
  const [filter, setFilter] = useState('');
  const [refusal, setRefusal] = useState<string | null>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const hintId = useId();
  const shown = useMemo(() => matching(choices, filter), [choices, filter]);
  const best = useMemo(() => bestChoice(choices, filter), [choices, filter]);

  const buttons = () => [...(listRef.current?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)') ?? [])];
  const move = (event: KeyboardEvent, delta: number) => {
    event.preventDefault();
    const all = buttons();
    const at = all.indexOf(document.activeElement as HTMLButtonElement);
    all[Math.max(0, Math.min(all.length - 1, at + delta))]?.focus();
  };
  const keyDown = (event: KeyboardEvent) => {
    const inFilter = event.target instanceof HTMLInputElement;
    if (event.key === 'Escape') {
      // One Escape cancels the chooser, typed text or not (a search box would only clear itself).
      event.preventDefault();
      onClose();
    } else if (event.key === 'ArrowDown') move(event, 1);
    else if (event.key === 'ArrowUp') move(event, -1);
    else if (event.key === 'Enter' && inFilter) {
      event.preventDefault();
      if (best.take) onChoose(best.take.id);
      else if (best.refused) setRefusal(`${best.refused.label}: ${best.refused.reason ?? 'not possible now'}`);
      else setRefusal(`Nothing matches “${filter.trim()}”`);
    } else if (/^[1-9]$/.test(event.key) && (!inFilter || filter === '')) {
      const choice = shown[Number(event.key) - 1];
      event.preventDefault();
      if (choice && !choice.disabled) onChoose(choice.id);
      else if (choice) setRefusal(`${choice.label}: ${choice.reason ?? 'not possible now'}`);
    } else if (!inFilter && event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey && event.key !== ' ') {
      // Typing anywhere in the chooser types into its filter.
      event.preventDefault();
      setFilter((f) => f + event.key);
      setRefusal(null);
      listRef.current?.parentElement?.querySelector<HTMLInputElement>('input[type="search"]')?.focus();
    }
  };

  return (
    <Dialog title={title} onClose={onClose} className="choice-dialog">
      <div onKeyDown={keyDown} data-testid={testId}>
        <input
          type="search"
          className="choice-filter"
          aria-label={`Type to choose: ${title}`}
          aria-describedby={hintId}
          placeholder={choices.length > 9 ? 'Type to filter' : 'Type to filter, or press a number'}
          value={filter}
          onChange={(e) => {
            setFilter(e.target.value);
            setRefusal(null);
          }}
          data-autofocus
        />
        <p id={hintId} className={refusal ? 'choice-refusal' : 'choice-hint muted'} role="status" data-testid="choice-hint">
          {refusal ?? (best.take ? `Enter: ${best.take.label}` : best.refused ? `${best.refused.label} is not possible: ${best.refused.reason ?? 'not now'}` : '')}
        </p>
        <ul ref={listRef} className="choice-list">
          {shown.map((c, i) => (
            <li key={c.id}>
              <button
                type="button"
                disabled={c.disabled}
                className={best.take?.id === c.id ? 'is-best' : undefined}
                title={c.disabled && c.reason ? c.reason : undefined}
                onClick={() => onChoose(c.id)}
                data-choice={c.id}
              >
                {i < 9 && !filter && <kbd aria-hidden="true">{i + 1}</kbd>}
                <span className="choice-label">{c.label}</span>
                {c.detail && <span className="choice-detail">{c.detail}</span>}
                {c.disabled && c.reason && <span className="choice-reason" data-testid="choice-reason">{c.reason}</span>}
              </button>
            </li>
          ))}
          {shown.length === 0 && <li className="muted">Nothing matches.</li>}
        </ul>
      </div>
    </Dialog>
  );
}
