import { parseArgs, type ParseArgsConfig } from 'node:util';

/** What a command may touch of the outside world; tests pass their own. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  env: NodeJS.ProcessEnv;
  /** True when stdout is a terminal: commands show progress bars there and plain lines otherwise. */
  isTTY: boolean;
  /** Standard input, for commands that read a secret from it (never from argv: see secret-input.ts). */
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?(raw: boolean): unknown };
  /** Resolves when the user asks a long-running command to stop (Ctrl+C, SIGTERM). */
  stopRequested: Promise<void>;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Every option explained, for `polder <command> --help`. */
  options?: string;
  run(argv: string[], io: CliIo): Promise<number>;
}

/** A mistake in how the command was called: one line on stderr, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * parseArgs reads `--duration -5` as the option `-5`; a value that looks like a negative number
 * after a string option is that option's value (`--duration=-5`), so its own check can explain it.
 */
function joinNegativeValues(argv: string[], options: NonNullable<ParseArgsConfig['options']>): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = argv[i + 1];
    const name = arg.startsWith('--') && !arg.includes('=') ? arg.slice(2) : null;
    if (name !== null && options[name]?.type === 'string' && next !== undefined && /^-(\d|\.\d|Infinity)/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

/** `node:util` parseArgs in strict mode, with its errors turned into one-line usage errors. */
export function parseFlags<const O extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: O,
  allowPositionals = false,
) {
  try {
    return parseArgs({ args: joinNegativeValues(argv, options), options, strict: true, allowPositionals });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message.split('\n')[0]! : String(err));
  }
}

/** Parses a whole-number flag value within bounds, or throws a usage error naming the flag. */
export function integerFlag(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got "${value}"`);
  return n;
}
