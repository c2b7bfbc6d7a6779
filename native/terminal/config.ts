import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { CliLauncher } from './launcher.ts';

/** Everything a terminal session needs from the host: which shell, where, and how to run `polder`. */
export interface TerminalConfig {
  shell: string;
  args: string[];
  cwd: string;
  /** The environment the shell starts with (PATH led by the launcher folder, POLDER_DATA_DIR). */
  env: Record<string, string>;
  /** The folder that holds the `polder` launcher. */
  launcherDir: string;
  cli: CliLauncher;
}

/** The user's own shell, or the platform's plain one. */
export function userShell(env: NodeJS.ProcessEnv, platform = process.platform): string {
  if (platform === 'win32') return env.COMSPEC ?? 'cmd.exe';
  return env.SHELL ?? '/bin/sh';
}

/**
 * The terminal of a host whose data lives in `dataDir`: the user's shell in their home folder,
 * the `polder` launcher first on PATH and POLDER_DATA_DIR pointing at the app's data, so the CLI
 * in the terminal works on the same store as the app.
 */
export function terminalConfig(options: { env: NodeJS.ProcessEnv; dataDir: string; cli: CliLauncher; platform?: NodeJS.Platform }): TerminalConfig {
  const platform = options.platform ?? process.platform;
  const launcherDir = join(options.dataDir, 'bin');
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(options.env)) {
    // The services process may run as Node inside Electron; the user's shell must not inherit that.
    if (value !== undefined && key !== 'ELECTRON_RUN_AS_NODE') env[key] = value;
  }
  const pathKey = Object.keys(env).find((key) => key.toUpperCase() === 'PATH') ?? 'PATH';
  env[pathKey] = env[pathKey] ? `${launcherDir}${delimiter}${env[pathKey]}` : launcherDir;
  env.POLDER_DATA_DIR = options.dataDir;
  env.TERM = 'xterm-256color';
  env.COLORTERM = 'truecolor';
  return { shell: userShell(options.env, platform), args: [], cwd: homedir(), env, launcherDir, cli: options.cli };
}
