import type { TerminalExit, TerminalOutput } from '../../../native/api/terminal.ts';

export interface TerminalSink {
  write(data: string): void;
  exited(exit: TerminalExit): void;
}

/**
 * Feeds one terminal view from the window's terminal pushes. The shell may speak before
 * `terminal.open` has answered with its id: what arrives meanwhile is held, then replayed for
 * the id once known, and everything for other terminals is ignored.
 */
export function terminalFeed(sink: TerminalSink) {
  let id: string | null = null;
  const early: ({ kind: 'output'; payload: TerminalOutput } | { kind: 'exit'; payload: TerminalExit })[] = [];
  const deliver = (event: (typeof early)[number]) => {
    if (event.payload.id !== id) return;
    if (event.kind === 'output') sink.write(event.payload.data);
    else sink.exited(event.payload);
  };
  return {
    output(payload: TerminalOutput): void {
      if (id === null) early.push({ kind: 'output', payload });
      else deliver({ kind: 'output', payload });
    },
    exit(payload: TerminalExit): void {
      if (id === null) early.push({ kind: 'exit', payload });
      else deliver({ kind: 'exit', payload });
    },
    opened(terminalId: string): void {
      id = terminalId;
      for (const event of early.splice(0)) deliver(event);
    },
  };
}
