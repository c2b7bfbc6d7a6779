import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';

/** A username and password the embedded broker accepts. */
export interface BrokerAccount {
  username: string;
  password: string;
}

/** Where a node finds the one account it uses (and `polder broker` accepts): never the command line, which `ps` shows. */
export const brokerAccountEnv = { username: 'POLDER_BROKER_USERNAME', password: 'POLDER_BROKER_PASSWORD' } as const;

/** The account in POLDER_BROKER_USERNAME / POLDER_BROKER_PASSWORD, null when neither is set; one clear line when only one is. */
export function brokerAccountFromEnv(env: NodeJS.ProcessEnv): BrokerAccount | null {
  const username = env[brokerAccountEnv.username];
  const password = env[brokerAccountEnv.password];
  if (!username && !password) return null;
  if (!username || !password) throw new Error(`${brokerAccountEnv.username} and ${brokerAccountEnv.password} go together: set both or neither`);
  return { username, password };
}

/**
 * Reads a users file: one `username:password` a line (the password may hold ':'), blank lines
 * and `#` comments ignored. Like an SSH key, it must be readable by its owner only.
 */
export function readBrokerAccounts(path: string): BrokerAccount[] {
  let text: string;
  try {
    if ((statSync(path).mode & 0o077) !== 0) throw new Error(`${path} can be read by other users of this machine: chmod 600 it`);
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`the users file ${path} does not exist`, { cause: err });
    throw err;
  }
  const accounts: BrokerAccount[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '' || line.trimStart().startsWith('#')) return;
    const colon = line.indexOf(':');
    if (colon <= 0 || colon === line.length - 1) throw new Error(`${path} line ${i + 1}: expected username:password`);
    accounts.push({ username: line.slice(0, colon), password: line.slice(colon + 1) });
  });
  if (accounts.length === 0) throw new Error(`${path} lists no username:password line`);
  return accounts;
}

const digest = (text: string | Buffer) => createHash('sha256').update(text).digest();

/** Whether a CONNECT's username and password match one of `accounts` (compared in constant time). */
export function accountChecker(accounts: readonly BrokerAccount[]): (username: string | undefined, password: Buffer | undefined) => boolean {
  const known = new Map(accounts.map((a) => [a.username, digest(a.password)]));
  return (username, password) => {
    const expected = username === undefined ? undefined : known.get(username);
    if (!expected || password === undefined) return false;
    return timingSafeEqual(expected, digest(password));
  };
}
