import { polderVersion } from '../version.ts';
import { UsageError, type CliIo } from './command.ts';
import { commands } from './commands.ts';

function helpText(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'polder — emergency operations center for urban floods',
    '',
    'Usage: polder <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    '  --help, -h     show this help (also: polder <command> --help)',
    '  --version, -v  print the version',
    '',
    'Every command takes --data-dir <path> (or POLDER_DATA_DIR) to choose where data lives.',
  ].join('\n');
}

export function processIo(): CliIo {
  const stopRequested = new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  return {
    out: (line) => process.stdout.write(line + '\n'),
    err: (line) => process.stderr.write(line + '\n'),
    env: process.env,
    isTTY: Boolean(process.stdout.isTTY),
    stdin: process.stdin,
    stopRequested,
  };
}

/** Runs `polder <argv>` and returns the exit code: 0 ok, 1 failed, 2 called wrongly. */
export async function runCli(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    io.out(helpText());
    return first === undefined ? 2 : 0;
  }
  if (first === '--version' || first === '-v') {
    io.out(polderVersion);
    return 0;
  }
  const command = commands.find((c) => c.name === first);
  if (!command) {
    io.err(first.startsWith('-') ? `polder: unknown option '${first}' (see polder --help)` : `polder: unknown command '${first}' (see polder --help)`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`Usage: ${command.usage}\n\n${command.summary}${command.options ? `\n\n${command.options}` : ''}`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`polder ${command.name}: ${err.message} (see polder ${command.name} --help)`);
      return 2;
    }
    io.err(`polder ${command.name}: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}
