import { brokerAccountEnv, brokerAccountFromEnv, readBrokerAccounts, type BrokerAccount } from '../../mqtt/broker-accounts.ts';
import { startEmbeddedBroker } from '../../mqtt/embedded-broker.ts';
import { isLoopback } from '../../serve/auth.ts';
import { integerFlag, parseFlags, UsageError, type Command } from '../command.ts';
import { dataDirFlag } from '../data-dir.ts';

const options = [
  'Options:',
  '  --port N            the TCP port (default 1883; 0 picks a free one)',
  '  --host H            the address to listen on (default 127.0.0.1)',
  '  --allow-remote      needed with a --host other machines can reach',
  '  --users-file <f>    accept only clients that give a username:password line of this file',
  '                      (one a line, # comments; it must be readable by its owner only)',
  `  ${brokerAccountEnv.username} / ${brokerAccountEnv.password}`,
  '                      (environment) accept this account too; polder serve uses the same two',
  '                      variables to log in. Passwords are never taken on the command line.',
  '  --json              print {url, port, host, accounts} instead of prose',
  '  --data-dir <path>   accepted like every command (the broker keeps no data)',
  'Without a users file or those variables the broker asks no password: keep it on a trusted network.',
].join('\n');

function accountsFrom(usersFile: string | undefined, env: NodeJS.ProcessEnv): BrokerAccount[] {
  const accounts = usersFile ? readBrokerAccounts(usersFile) : [];
  const fromEnv = brokerAccountFromEnv(env);
  return fromEnv ? [...accounts, fromEnv] : accounts;
}

export const brokerCommand: Command = {
  name: 'broker',
  summary: 'host an MQTT broker (aedes) for the crisis room when the city broker is down',
  usage: 'polder broker [--port N] [--host 127.0.0.1] [--allow-remote] [--users-file <f>] [--json] [--data-dir <path>]',
  options,
  async run(argv, io) {
    const { values } = parseFlags(argv, { port: { type: 'string' }, host: { type: 'string' }, 'allow-remote': { type: 'boolean' }, 'users-file': { type: 'string' }, json: { type: 'boolean' }, ...dataDirFlag });
    const port = integerFlag('port', values.port, 1883, 0, 65535);
    const host = values.host ?? '127.0.0.1';
    if (!isLoopback(host) && !values['allow-remote']) {
      throw new UsageError(`--host ${host} lets other machines connect; add --allow-remote if that is what you want (the crisis-room network)`);
    }
    const accounts = accountsFrom(values['users-file'], io.env);
    const broker = await startEmbeddedBroker({ port, host, accounts }).catch((err: NodeJS.ErrnoException) => {
      throw new Error(err.code === 'EADDRINUSE' ? `port ${port} on ${host} is taken: choose another with --port` : `the broker could not start: ${err.message}`);
    });
    if (values.json) io.out(JSON.stringify({ url: broker.url, port: broker.port, host, accounts: accounts.length }));
    else {
      io.out(`MQTT broker listening at ${broker.url}${accounts.length ? `, for ${accounts.length} account${accounts.length > 1 ? 's' : ''} only` : ''}`);
      if (!isLoopback(host) && accounts.length === 0) io.out(`Warning: it asks no password (give --users-file or ${brokerAccountEnv.username}/${brokerAccountEnv.password}); keep it on the crisis-room network.`);
      if (!isLoopback(host)) io.out(`Nodes use it with: polder serve --broker <city broker> --broker mqtt://<this machine>:${broker.port}`);
      io.out('Press Ctrl+C to stop.');
    }
    await io.stopRequested;
    await broker.close();
    return 0;
  },
};
