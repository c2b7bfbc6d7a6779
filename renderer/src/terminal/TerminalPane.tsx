import { TerminalView } from './TerminalView.tsx';

export interface TerminalTab {
  key: number;
  title: string;
  /** Set once the shell has exited (or could not start): the tab stays, marked as ended, until closed. */
  ended: string | null;
}

export interface TerminalPaneProps {
  tabs: TerminalTab[];
  activeKey: number | null;
  onActivate(key: number): void;
  onNew(): void;
  onCloseTab(key: number): void;
  onChange(key: number, change: Partial<Omit<TerminalTab, 'key'>>): void;
  onHide(): void;
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** The integrated terminal: a tab per shell, under the workspace. Ctrl+` shows and hides it. */
export function TerminalPane({ tabs, activeKey, onActivate, onNew, onCloseTab, onChange, onHide }: TerminalPaneProps) {
  return (
    <section className="terminal-pane" aria-label="Terminal" data-testid="terminal-pane">
      <div className="terminal-bar">
        <div role="tablist" aria-label="Terminals" className="terminal-tabs">
          {tabs.map((tab) => (
            <span key={tab.key} className={`terminal-tab ${tab.ended ? 'is-ended' : ''}`}>
              <button
                type="button"
                role="tab"
                aria-selected={tab.key === activeKey}
                aria-controls={`terminal-panel-${tab.key}`}
                onClick={() => onActivate(tab.key)}
                data-testid="terminal-tab"
                title={tab.ended ?? tab.title}
              >
                {tab.title}
                {tab.ended && <span className="terminal-ended"> (ended)</span>}
              </button>
              <button type="button" className="terminal-tab-close" aria-label={`Close ${tab.title}`} onClick={() => onCloseTab(tab.key)}>
                ×
              </button>
            </span>
          ))}
        </div>
        <button type="button" className="button" onClick={onNew} aria-label="New terminal" data-testid="terminal-new">
          +
        </button>
        <button type="button" className="button" onClick={onHide} aria-label="Hide the terminal" aria-keyshortcuts="Control+`">
          Hide <kbd>Ctrl `</kbd>
        </button>
      </div>
      <div className="terminal-body">
        {tabs.map((tab) => (
          <div key={tab.key} id={`terminal-panel-${tab.key}`} role="tabpanel" className="terminal-panel" hidden={tab.key !== activeKey}>
            <TerminalView
              active={tab.key === activeKey}
              onOpened={(shell) => onChange(tab.key, { title: baseName(shell) })}
              onEnded={({ exitCode, signal }) =>
                onChange(tab.key, { ended: exitCode === null ? 'could not start' : signal ? `ended on signal ${signal}` : `exited with code ${exitCode}` })
              }
            />
          </div>
        ))}
        {tabs.length === 0 && <p className="placeholder">No terminal open.</p>}
      </div>
    </section>
  );
}
