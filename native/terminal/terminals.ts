import { randomUUID } from 'node:crypto';
import { spawn, type IPty } from 'node-pty';
import { PolderError } from '../api/errors.ts';
import type { SessionPushes } from '../rpc/session-pushes.ts';
import type { TerminalConfig } from './config.ts';

interface Running {
  pty: IPty;
  sessionId: string;
  exited: Promise<void>;
}

/**
 * The pty sessions of one host. Each terminal belongs to the session that opened it: only that
 * session may type into it, and only that session hears its output. A session that ends takes
 * its terminals with it.
 */
export function createTerminals({ config, pushes }: { config: TerminalConfig; pushes: SessionPushes }) {
  const running = new Map<string, Running>();

  const owned = (id: string, sessionId: string): Running => {
    const terminal = running.get(id);
    if (!terminal || terminal.sessionId !== sessionId) throw new PolderError('not_found', `No open terminal ${id} in this window (it may have exited)`);
    return terminal;
  };

  const end = async (terminal: Running) => {
    terminal.pty.kill();
    await terminal.exited;
  };

  return {
    open(sessionId: string, size: { cols: number; rows: number }): { id: string; shell: string } {
      const id = randomUUID();
      let pty: IPty;
      try {
        pty = spawn(config.shell, config.args, { name: 'xterm-256color', cols: size.cols, rows: size.rows, cwd: config.cwd, env: config.env });
      } catch (err) {
        throw new PolderError('unavailable', `The shell ${config.shell} could not be started: ${err instanceof Error ? err.message : String(err)}`);
      }
      const exited = new Promise<void>((resolve) => {
        pty.onExit(({ exitCode, signal }) => {
          running.delete(id);
          pushes.emitTo(sessionId, 'terminal.exit', { id, exitCode, signal: signal ? signal : null });
          resolve();
        });
      });
      pty.onData((data) => pushes.emitTo(sessionId, 'terminal.output', { id, data }));
      running.set(id, { pty, sessionId, exited });
      return { id, shell: config.shell };
    },
    input(sessionId: string, id: string, data: string): void {
      owned(id, sessionId).pty.write(data);
    },
    resize(sessionId: string, id: string, cols: number, rows: number): void {
      owned(id, sessionId).pty.resize(cols, rows);
    },
    async close(sessionId: string, id: string): Promise<void> {
      await end(owned(id, sessionId));
    },
    /** How many terminals `sessionId` has open. */
    count(sessionId: string): number {
      return [...running.values()].filter((t) => t.sessionId === sessionId).length;
    },
    /** The window or socket of `sessionId` is gone: its shells end too. */
    async endSession(sessionId: string): Promise<void> {
      await Promise.all([...running.values()].filter((t) => t.sessionId === sessionId).map(end));
    },
    async closeAll(): Promise<void> {
      await Promise.all([...running.values()].map(end));
    },
  };
}

export type Terminals = ReturnType<typeof createTerminals>;
