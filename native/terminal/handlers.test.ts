import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../rpc/dispatch.ts';
import type { Handlers } from '../rpc/handlers.ts';
import { silentLogger } from '../logger.ts';
import { createTerminalHandlers } from './handlers.ts';

// Only the terminal methods are called here; the dispatcher validates their arguments as in the app.
const fireOfficer = { id: 'fire-1', name: 'Fire officer', department: 'fire', role: 'member' as const };
const dispatchTerminalOff = createDispatcher(createTerminalHandlers(null) as unknown as Handlers, silentLogger(), (id) => (id === fireOfficer.id ? fireOfficer : null));

describe('terminal methods', () => {
  it('are refused with a clear error where the terminal is off', async () => {
    const result = await dispatchTerminalOff('terminal.open', { cols: 80, rows: 24 }, { session: { id: 's', actorId: 'fire-1' } });
    expect(result).toEqual({
      ok: false,
      error: { code: 'unavailable', message: expect.stringMatching(/terminal is off in this host.*polder serve --terminal/) },
    });
  });

  it('check their arguments before anything runs', async () => {
    const result = await dispatchTerminalOff('terminal.resize', { id: 't', cols: 0, rows: 24 }, { session: { id: 's', actorId: 'fire-1' } });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_args', message: expect.stringContaining('terminal.resize: cols') } });
  });
});
