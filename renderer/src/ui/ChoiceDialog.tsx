import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Dialog } from './Dialog.tsx';

export interface Choice {
  id: string;
  label: string;
  detail?: string;
  disabled?: boolean;
}

/** Pick one of a few things by keyboard (type to filter, arrows, Enter, or the number shown) or by touch. */
export function ChoiceDialog({ title, choices, onChoose, onClose, testId }: { title: string; choices: Choice[]; onChoose(id: string): void; onClose(): void; testId?: string }) {
  const [filter, setFilter] = useState('');
  const listRef = useRef<HTMLUListElement>(null);
  const shown = useMemo(() => {
    const f = filter.trim().toLowerCase();
    return f ? choices.filter((c) => `${c.label} ${c.detail ?? ''}`.toLowerCase().includes(f)) : choices;
  }, [choices, filter]);

  const buttons = () => [...(listRef.current?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)') ?? [])];
  const move = (event: KeyboardEvent, delta: number) => {
    event.preventDefault();
    const all = buttons();
    const at = all.indexOf(document.activeElement as HTMLButtonElement);
    all[Math.max(0, Math.min(all.length - 1, at + delta))]?.focus();
  };
  const keyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') move(event, 1);
    else if (event.key === 'ArrowUp') move(event, -1);
    else if (event.key === 'Enter' && event.target instanceof HTMLInputElement) {
      event.preventDefault();
      const first = shown.find((c) => !c.disabled);
      if (first) onChoose(first.id);
    } else if (/^[1-9]$/.test(event.key) && !(event.target instanceof HTMLInputElement)) {
      const choice = shown[Number(event.key) - 1];
      if (choice && !choice.disabled) {
        event.preventDefault();
        onChoose(choice.id);
      }
    }
  };

  return (
    <Dialog title={title} onClose={onClose} className="choice-dialog">
      <div onKeyDown={keyDown} data-testid={testId}>
        {choices.length > 7 && (
          <input type="search" className="choice-filter" aria-label={`Filter: ${title}`} value={filter} onChange={(e) => setFilter(e.target.value)} data-autofocus />
        )}
        <ul ref={listRef} className="choice-list">
          {shown.map((c, i) => (
            <li key={c.id}>
              <button type="button" disabled={c.disabled} onClick={() => onChoose(c.id)} data-autofocus={choices.length <= 7 && i === shown.findIndex((x) => !x.disabled) ? true : undefined}>
                {i < 9 && <kbd aria-hidden="true">{i + 1}</kbd>}
                <span className="choice-label">{c.label}</span>
                {c.detail && <span className="choice-detail">{c.detail}</span>}
              </button>
            </li>
          ))}
          {shown.length === 0 && <li className="muted">Nothing matches.</li>}
        </ul>
      </div>
    </Dialog>
  );
}
