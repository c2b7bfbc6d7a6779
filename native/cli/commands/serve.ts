import { createApp, nodeRuntime } from '../../app.ts';
import { systemClock } from '../../clock/clock.ts';
import { stderrLogger } from '../../logger.ts';
import { repoPaths } from '../../paths.ts';
import { isLoopback } from '../../serve/auth.ts';
import { terminalConfig } from '../../terminal/config.ts';
import { parseBrokerUrl } from '../../mqtt/connection.ts';
import { integerFlag, parseFlags, UsageError, type Command } from '../command.ts';
import { dataDirFlag, resolveDataDir } from '../data-dir.ts';
import { builtRendererDir, serveUntilStopped } from '../served-app.ts';
import { capFeedConfigFrom, capFeedFlags } from '../cap-feed-flags.ts';
import { syncConfigFrom, syncFlags } from '../sync-flags.ts';

const optionsHelp = `Options:
  --port N              the port to listen on (default: the one this data folder used last, else a free one)
  --host H              the address to listen on (default 127.0.0.1, this machine only)
  --allow-remote        allow a --host other machines can reach (the page still needs its key)
  --terminal            offer the integrated terminal (a shell on this machine): loopback --host only
  --open                open the page in the system's browser
  --json                print the address as JSON ({ url, port, dataDir }) rather than a line
  --broker <url>        an MQTT broker to sync through and take sensor readings and public reports
                        from (mqtt://, mqtts://, ws://, wss://); repeat it for failover, in order
  --org <name>          the organisation the nodes sync as: topics polder/v1/<org>/… (default polder)
  --broker-ca <pem>     the CA that signed the broker's certificate (TLS)
  --broker-cert <pem>   this node's client certificate (TLS client authentication)
  --broker-key <pem>    the private key of --broker-cert
  --cap-topic <filter>  take CAP alerts from this MQTT topic filter into the alert queue
  --cap-as <person id>  the person the alerts --cap-topic raises are logged under
  --data-dir <path>     where this node keeps its data (default: the platform's app-data folder)

Environment:
  POLDER_DATA_DIR       as --data-dir
  POLDER_BROKERS        as --broker, comma-separated in failover order
  POLDER_ORG            as --org
  POLDER_CAP_TOPIC, POLDER_CAP_AS  as --cap-topic and --cap-as
  POLDER_BROKER_USERNAME, POLDER_BROKER_PASSWORD  the broker account (never on the command line,
                        where ps shows it)`;

export const serveCommand: Command = {
  name: 'serve',
  summary: 'serve the app to a browser on this machine (serve mode)',
  usage: 'polder serve [--port N] [--host 127.0.0.1] [--allow-remote] [--terminal] [--open] [--json] [--broker <url>]... [--org <name>] [--broker-ca <pem>] [--broker-cert <pem> --broker-key <pem>] [--cap-topic <filter> --cap-as <person>] [--data-dir <path>]',
  options: optionsHelp,
  async run(argv, io) {
    const { values } = parseFlags(argv, {
      port: { type: 'string' },
      host: { type: 'string' },
      'allow-remote': { type: 'boolean' },
      terminal: { type: 'boolean' },
      open: { type: 'boolean' },
      json: { type: 'boolean' },
      ...syncFlags,
      ...capFeedFlags,
      ...dataDirFlag,
    });
    const sync = syncConfigFrom(values, io.env);
    const capFeed = capFeedConfigFrom(values, sync, io.env);
    const askedPort = values.port === undefined ? null : integerFlag('port', values.port, 0, 0, 65535);
    const host = values.host ?? '127.0.0.1';
    if (values.terminal && !isLoopback(host)) {
      throw new UsageError(`--terminal gives whoever opens the page a shell on this machine: it is offered only on a loopback --host (127.0.0.1, ::1, localhost), not ${host}, even with --allow-remote`);
    }
    if (!isLoopback(host) && !values['allow-remote']) {
      throw new UsageError(`--host ${host} is reachable from other machines; add --allow-remote if that is what you want`);
    }
    const staticDir = builtRendererDir(io.env);
    const logger = stderrLogger();
    if (!isLoopback(host)) logger.warn(`serving on ${host}: anyone who can reach this address and has the token can use the app`);

    const dataDir = resolveDataDir(values['data-dir'], io.env);
    const terminal = values.terminal ? terminalConfig({ env: io.env, dataDir, cli: { node: process.execPath, script: repoPaths.cli, runAsNode: false } }) : undefined;
    const app = await createApp({ dataDir, resourcesDir: repoPaths.resources, clock: systemClock(), logger, host: 'serve', runtime: nodeRuntime(), terminal, sync, capFeed, brokers: sync?.brokers });
    return serveUntilStopped(app, { dataDir, staticDir, host, askedPort, logger, io, json: Boolean(values.json), open: Boolean(values.open), fields: { dataDir }, line: (url) => `Polder is being served at ${url}` });
  },
};

/** A broker URL the MQTT link can use, or a usage error saying why not. */
export function brokerUrl(url: string): string {
  try {
    parseBrokerUrl(url);
    return url;
  } catch (err) {
    throw new UsageError(`--broker: ${err instanceof Error ? err.message : String(err)}`);
  }
}
