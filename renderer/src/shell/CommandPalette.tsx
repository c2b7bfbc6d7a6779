import { useMemo, useState, type KeyboardEvent } from 'react';
import { Dialog } from '../ui/Dialog.tsx';
import type { Command } from './commands.ts';
import type { Find } from './palette-finds.ts';
import { usePaletteFinds } from './use-palette-finds.ts';

/** Ctrl/⌘+K: type a few letters of anything the app can do, or of a task, alert, unit, asset, gauge or place; Enter to run or open it. */
export function CommandPalette({ commands, onFind, onClose }: { commands: Command[]; onFind(find: Find): void; onClose(): void }) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const finds = usePaletteFinds(query);
  const shown = useMemo(() => {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    const matching = commands.filter((c) => words.every((w) => `${c.group} ${c.label}`.toLowerCase().includes(w))).slice(0, 30);
    const found = finds.map((f): Command => ({ id: `find-${f.kind}-${f.id}`, group: f.kind === 'task' ? 'Task' : f.kind === 'alert' ? 'Alert' : f.group, label: f.label, run: () => onFind(f) }));
    return [...matching, ...found];
  }, [commands, finds, onFind, query]);
  const at = Math.min(active, shown.length - 1);

  const run = (command: Command | undefined) => {
    if (!command) return;
    onClose();
    // After the dialog has closed and given the focus back.
    setTimeout(command.run, 0);
  };

  const keyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setActive(Math.max(0, Math.min(shown.length - 1, at + (e.key === 'ArrowDown' ? 1 : -1))));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      run(shown[at]);
    }
  };

  return (
    <Dialog title="Command palette" onClose={onClose} className="palette">
      <input
        className="palette-input"
        role="combobox"
        aria-expanded="true"
        aria-controls="palette-list"
        aria-activedescendant={shown[at] ? `palette-${shown[at].id}` : undefined}
        aria-label="Type a command or a name"
        placeholder="A command, task, alert, unit, asset, gauge or place…"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={keyDown}
        data-autofocus
        data-testid="palette-input"
      />
      <ul id="palette-list" role="listbox" aria-label="Commands and finds" className="palette-list">
        {shown.map((c, i) => (
          <li key={c.id} id={`palette-${c.id}`} role="option" aria-selected={i === at} className={i === at ? 'is-active' : ''} onClick={() => run(c)} onMouseMove={() => setActive(i)}>
            <span className="palette-group">{c.group}</span>
            <span className="palette-label">{c.label}</span>
            {c.keys && <kbd>{c.keys}</kbd>}
          </li>
        ))}
        {shown.length === 0 && <li className="muted">Nothing matches “{query}”.</li>}
      </ul>
    </Dialog>
  );
}
