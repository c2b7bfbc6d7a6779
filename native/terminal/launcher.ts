import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** How to run the `polder` CLI from a shell: this runtime's Node and the CLI's entry script. */
export interface CliLauncher {
  /** The Node binary; under Electron it is Electron's, run as Node. */
  node: string;
  script: string;
  /** True under Electron: the launcher sets ELECTRON_RUN_AS_NODE=1. */
  runAsNode: boolean;
}

function shQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * Writes a `polder` command into `dir` (created if needed) that runs this very build of the CLI,
 * so a terminal with `dir` first on its PATH runs the same Polder as the app around it.
 */
export function writeCliLauncher(dir: string, cli: CliLauncher, platform = process.platform): void {
  mkdirSync(dir, { recursive: true });
  if (platform === 'win32') {
    const env = cli.runAsNode ? 'set ELECTRON_RUN_AS_NODE=1\r\n' : '';
    writeFileSync(join(dir, 'polder.cmd'), `@echo off\r\nsetlocal\r\n${env}"${cli.node}" "${cli.script}" %*\r\n`);
    return;
  }
  const env = cli.runAsNode ? 'ELECTRON_RUN_AS_NODE=1 ' : '';
  const file = join(dir, 'polder');
  writeFileSync(file, `#!/bin/sh\nexec ${env}${shQuote(cli.node)} ${shQuote(cli.script)} "$@"\n`);
  chmodSync(file, 0o755);
}
