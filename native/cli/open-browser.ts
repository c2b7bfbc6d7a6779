import { spawn } from 'node:child_process';
import type { Logger } from '../logger.ts';

/** Opens a URL in the user's browser; prints where to go instead when there is none. */
export function openInBrowser(url: string, logger: Logger): void {
  const [cmd, args] =
    process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : process.platform === 'darwin' ? ['open', [url]] : ['xdg-open', [url]];
  const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
  child.on('error', () => logger.warn(`could not open a browser: open ${url} yourself`));
  child.unref();
}
