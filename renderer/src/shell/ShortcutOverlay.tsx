import { Dialog } from '../ui/Dialog.tsx';
import { globalShortcuts, listShortcuts } from './commands.ts';

/** "?": every shortcut on one screen. */
export function ShortcutOverlay({ onClose }: { onClose(): void }) {
  const groups = [...new Set(listShortcuts.map(([g]) => g))];
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose} className="shortcuts">
      <div className="shortcut-columns" tabIndex={0}>
        <section aria-labelledby="shortcuts-everywhere">
          <h3 id="shortcuts-everywhere">Everywhere</h3>
          <dl>
            {globalShortcuts.map(([keys, what]) => (
              <div key={keys} className="shortcut">
                <dt>
                  <kbd>{keys}</kbd>
                </dt>
                <dd>{what}</dd>
              </div>
            ))}
          </dl>
        </section>
        {groups.map((g) => (
          <section key={g} aria-labelledby={`shortcuts-${g}`}>
            <h3 id={`shortcuts-${g}`}>{g}</h3>
            <dl>
              {listShortcuts
                .filter(([group]) => group === g)
                .map(([, keys, what]) => (
                  <div key={keys} className="shortcut">
                    <dt>
                      <kbd>{keys}</kbd>
                    </dt>
                    <dd>{what}</dd>
                  </div>
                ))}
            </dl>
          </section>
        ))}
      </div>
    </Dialog>
  );
}
