import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef } from 'react';
import type { TerminalExit } from '../../../native/api/terminal.ts';
import { useHost } from '../bridge/host-context.tsx';
import { useSession } from '../session/session.tsx';
import { terminalFeed } from './terminal-feed.ts';

export interface TerminalViewProps {
  /** The shown tab: fitted to the pane and focused. */
  active: boolean;
  onOpened(shell: string): void;
  /** The shell exited, or could not start (exitCode null). */
  onEnded(exit: { exitCode: number | null; signal: number | null }): void;
}

const scrollback = 10_000;

/** Ctrl+Shift+C and Ctrl+Shift+V (Ctrl+C and Ctrl+V belong to the shell); Ctrl+` toggles the pane. */
function keyForPage(e: KeyboardEvent, term: Terminal): boolean {
  if (e.type !== 'keydown' || !e.ctrlKey || e.altKey) return false;
  if (e.key === '`') return true;
  if (e.shiftKey && e.key.toLowerCase() === 'c' && term.hasSelection()) {
    e.preventDefault();
    // A copy event on xterm's own text area: it puts the selection on the clipboard.
    document.execCommand('copy');
    return true;
  }
  // The browser's own paste (plain text) reaches xterm's text area, which sends it to the shell.
  return e.shiftKey && e.key.toLowerCase() === 'v';
}

/** One shell on the services' machine, in xterm.js: scroll-back, resize with the pane, copy and paste. */
export function TerminalView({ active, onOpened, onEnded }: TerminalViewProps) {
  const { bridge } = useHost();
  const { call } = useSession();
  const element = useRef<HTMLDivElement>(null);
  const terminal = useRef<{ term: Terminal; fit: FitAddon } | null>(null);
  const callbacks = useRef({ onOpened, onEnded });
  callbacks.current = { onOpened, onEnded };

  useEffect(() => {
    const el = element.current!;
    const term = new Terminal({
      scrollback,
      cursorBlink: true,
      fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace',
      fontSize: 13,
      theme: { background: '#101820', foreground: '#e6e9ec', cursor: '#e6e9ec', selectionBackground: '#3d5a80' },
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(el);
    fit.fit();
    terminal.current = { term, fit };

    let id: string | null = null;
    let ended = false;
    let disposed = false;
    const end = (exit: { exitCode: number | null; signal: number | null }, message: string) => {
      ended = true;
      term.write(`\r\n\x1b[2m${message}\x1b[0m\r\n`);
      callbacks.current.onEnded(exit);
    };
    const feed = terminalFeed({
      write: (data) => term.write(data),
      exited: (exit: TerminalExit) => end(exit, `[the shell exited${exit.signal ? ` on signal ${exit.signal}` : ` with code ${exit.exitCode}`}]`),
    });
    const stopOutput = bridge.subscribe('terminal.output', feed.output);
    const stopExit = bridge.subscribe('terminal.exit', feed.exit);
    const ignoreGone = () => {};

    call('terminal.open', { cols: term.cols, rows: term.rows }).then(
      (opened) => {
        if (disposed) {
          void call('terminal.close', { id: opened.id }).catch(ignoreGone);
          return;
        }
        id = opened.id;
        callbacks.current.onOpened(opened.shell);
        feed.opened(opened.id);
      },
      (err: Error) => {
        if (!disposed) end({ exitCode: null, signal: null }, `The terminal could not start: ${err.message}`);
      },
    );
    term.attachCustomKeyEventHandler((e) => !keyForPage(e, term));
    const typed = term.onData((data) => {
      if (id && !ended) void call('terminal.input', { id, data }).catch(ignoreGone);
    });
    const resized = term.onResize(({ cols, rows }) => {
      if (id && !ended) void call('terminal.resize', { id, cols, rows }).catch(ignoreGone);
    });
    // Fit to the pane whenever it changes size, while it is shown.
    const observer = new ResizeObserver(() => {
      if (el.offsetParent !== null) fit.fit();
    });
    observer.observe(el);

    return () => {
      disposed = true;
      observer.disconnect();
      typed.dispose();
      resized.dispose();
      stopOutput();
      stopExit();
      if (id && !ended) void call('terminal.close', { id }).catch(ignoreGone);
      term.dispose();
      terminal.current = null;
    };
  }, [bridge, call]);

  useEffect(() => {
    if (!active || !terminal.current) return;
    terminal.current.fit.fit();
    terminal.current.term.focus();
  }, [active]);

  return <div ref={element} className="terminal-view" data-testid="terminal-view" />;
}
