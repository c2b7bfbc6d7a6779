import { describe, expect, it } from 'vitest';
import type { TerminalExit } from '../../../native/api/terminal.ts';
import { terminalFeed } from './terminal-feed.ts';

function recording() {
  const written: string[] = [];
  const exits: TerminalExit[] = [];
  return { written, exits, sink: { write: (d: string) => written.push(d), exited: (e: TerminalExit) => exits.push(e) } };
}

describe('terminal feed', () => {
  it('holds what the shell says before its id is known, then replays only its own', () => {
    const { written, sink } = recording();
    const feed = terminalFeed(sink);
    feed.output({ id: 'mine', data: '$ ' });
    feed.output({ id: 'other', data: 'not mine' });
    expect(written).toEqual([]);
    feed.opened('mine');
    expect(written).toEqual(['$ ']);
    feed.output({ id: 'mine', data: 'ls\r\n' });
    feed.output({ id: 'other', data: 'still not mine' });
    expect(written).toEqual(['$ ', 'ls\r\n']);
  });

  it('reports its own exit, even one that came before the id', () => {
    const { exits, sink } = recording();
    const feed = terminalFeed(sink);
    feed.exit({ id: 'mine', exitCode: 127, signal: null });
    feed.exit({ id: 'other', exitCode: 0, signal: null });
    feed.opened('mine');
    expect(exits).toEqual([{ id: 'mine', exitCode: 127, signal: null }]);
  });
});
