import { readFileSync } from 'node:fs';
import { brokerAccountFromEnv } from '../mqtt/broker-accounts.ts';
import { parseBrokerUrl } from '../mqtt/connection.ts';
import type { SyncConfig } from '../sync/handlers.ts';
import { checkSegment, defaultOrg } from '../sync/topics.ts';
import { UsageError } from './command.ts';

export const syncFlags = {
  broker: { type: 'string', multiple: true },
  org: { type: 'string' },
  'broker-ca': { type: 'string' },
  'broker-cert': { type: 'string' },
  'broker-key': { type: 'string' },
} as const;

interface SyncFlagValues {
  broker?: string[];
  org?: string;
  'broker-ca'?: string;
  'broker-cert'?: string;
  'broker-key'?: string;
}

/**
 * The sync configuration from `--broker` (repeatable, failover order) or POLDER_BROKERS
 * (comma-separated), `--org` or POLDER_ORG, and the TLS files; undefined when no broker is given.
 */
export function syncConfigFrom(values: SyncFlagValues, env: NodeJS.ProcessEnv): SyncConfig | undefined {
  const brokers = values.broker?.length ? values.broker : (env.POLDER_BROKERS ?? '').split(',').map((b) => b.trim()).filter(Boolean);
  if (brokers.length === 0) {
    if (values.org || values['broker-ca'] || values['broker-cert'] || values['broker-key']) throw new UsageError('--org and the --broker-* files need at least one --broker (or POLDER_BROKERS)');
    return undefined;
  }
  for (const url of brokers) {
    try {
      parseBrokerUrl(url);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
  }
  const org = values.org ?? env.POLDER_ORG ?? defaultOrg;
  try {
    checkSegment('--org', org);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (Boolean(values['broker-cert']) !== Boolean(values['broker-key'])) throw new UsageError('--broker-cert and --broker-key go together');
  const file = (flag: string, path: string | undefined) => {
    if (!path) return undefined;
    try {
      return readFileSync(path);
    } catch (err) {
      throw new UsageError(`${flag} ${path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
    }
  };
  const ca = file('--broker-ca', values['broker-ca']);
  const cert = file('--broker-cert', values['broker-cert']);
  const key = file('--broker-key', values['broker-key']);
  let account: ReturnType<typeof brokerAccountFromEnv>;
  try {
    account = brokerAccountFromEnv(env);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (!ca && !cert && !account) return { brokers, org };
  return { brokers, org, mqtt: { ...(ca || cert ? { tls: { ca, cert, key } } : {}), ...(account ?? {}) } };
}
