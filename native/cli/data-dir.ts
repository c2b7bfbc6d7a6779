import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Where Polder keeps its store: `--data-dir`, else POLDER_DATA_DIR, else the platform's
 * app-data folder (the same place Electron's `userData` points to for "Polder").
 */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv, platform = process.platform): string {
  if (flag) return resolve(flag);
  if (env.POLDER_DATA_DIR) return resolve(env.POLDER_DATA_DIR);
  const home = homedir();
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Polder');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Polder');
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Polder');
}

export const dataDirFlag = { 'data-dir': { type: 'string' } } as const;
