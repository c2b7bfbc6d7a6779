import { Dialog } from '../ui/Dialog.tsx';
import { globalShortcuts, listShortcuts } from './commands.ts';

/** One titled list of [keys, what they do]. */
function ShortcutGroup({ id, title, shortcuts }: { id: string; title: string; shortcuts: readonly (readonly [string, string])[] }) {
  return (
    <section aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      <dl>
        {shortcuts.map(([keys, what]) => (
          <div key={keys} className="shortcut">
            <dt>
              <kbd>{keys}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** "?": every shortcut on one screen. */
export function ShortcutOverlay({ onClose }: { onClose(): void }) {
  const groups = [...new Set(listShortcuts.map(([g]) => g))];
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose} className="shortcuts">
      <div className="shortcut-columns" tabIndex={0}>
        <ShortcutGroup id="shortcuts-everywhere" title="Everywhere" shortcuts={globalShortcuts} />
        {groups.map((g) => (
          <ShortcutGroup
            key={g}
            id={`shortcuts-${g}`}
            title={g}
            shortcuts={listShortcuts.filter(([group]) => group === g).map(([, keys, what]) => [keys, what] as const)}
          />
        ))}
      </div>
    </Dialog>
  );
}
