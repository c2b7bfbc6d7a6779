import type { CliIo } from './command.ts';
import { UsageError } from './command.ts';

/** The environment variable a PIN or password may come from instead of the command line. */
export const secretEnv = 'POLDER_SECRET';

export const secretFlags = {
  secret: { type: 'string' },
  'secret-stdin': { type: 'boolean' },
} as const;

export const secretOptionsHelp = [
  `  --secret-stdin      read the PIN or password from the first line of standard input`,
  `  ${secretEnv}=…     (environment) the PIN or password, when neither flag is given`,
  '  --secret <value>    the PIN or password on the command line: other users of this machine',
  '                      can read it in `ps` and it stays in the shell history, so prefer the above',
  '  (with none of these on a terminal, Polder asks for it without showing what is typed)',
].join('\n');

/**
 * The secret of a person being enrolled, from exactly one place: --secret-stdin, --secret, the
 * POLDER_SECRET variable, or a prompt that does not echo when standard input is a terminal.
 */
export async function readSecret(values: { secret?: string; 'secret-stdin'?: boolean }, io: CliIo): Promise<string> {
  const given = [values.secret !== undefined, values['secret-stdin'] === true].filter(Boolean).length;
  if (given > 1) throw new UsageError('give the secret once: --secret or --secret-stdin, not both');
  const secret = values['secret-stdin']
    ? await firstLine(io, 'standard input')
    : (values.secret ?? io.env[secretEnv] ?? (io.stdin?.isTTY ? await prompt(io) : undefined));
  if (secret === undefined) throw new UsageError(`the person's PIN or password is required: --secret-stdin, ${secretEnv} or --secret`);
  if (secret === '') throw new UsageError('the PIN or password is empty');
  return secret;
}

function firstLine(io: CliIo, from: string): Promise<string> {
  const stdin = io.stdin;
  if (!stdin) return Promise.reject(new UsageError(`no ${from} to read the secret from`));
  return new Promise((resolve, reject) => {
    let text = '';
    const done = () => {
      stdin.off('data', onData).off('end', done).off('error', onError);
      stdin.pause();
      resolve(text.split(/\r?\n/, 1)[0] ?? '');
    };
    const onData = (chunk: Buffer | string) => {
      text += chunk.toString();
      if (/\r|\n/.test(text)) done();
    };
    const onError = (err: Error) => reject(err);
    stdin.on('data', onData).on('end', done).on('error', onError);
    stdin.resume();
  });
}

/** Asks on the terminal with echo off (raw mode), as passwd does. */
async function prompt(io: CliIo): Promise<string> {
  const stdin = io.stdin!;
  io.err('PIN or password (not shown): ');
  stdin.setRawMode?.(true);
  try {
    return await new Promise((resolve, reject) => {
      let text = '';
      const onData = (chunk: Buffer | string) => {
        for (const ch of chunk.toString()) {
          if (ch === '\u0003') return finish(() => reject(new UsageError('cancelled')));
          if (ch === '\r' || ch === '\n' || ch === '\u0004') return finish(() => resolve(text));
          text = ch === '\u007f' || ch === '\b' ? text.slice(0, -1) : text + ch;
        }
      };
      const finish = (settle: () => void) => {
        stdin.off('data', onData);
        stdin.pause();
        settle();
      };
      stdin.on('data', onData);
      stdin.resume();
    });
  } finally {
    stdin.setRawMode?.(false);
  }
}
