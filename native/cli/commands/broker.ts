import { startEmbeddedBroker } from '../../mqtt/embedded-broker.ts';
import { isLoopback } from '../../serve/auth.ts';
import { integerFlag, parseFlags, UsageError, type Command } from '../command.ts';
import { dataDirFlag } from '../data-dir.ts';

export const brokerCommand: Command = {
  name: 'broker',
  summary: 'host an MQTT broker (aedes) for the crisis room when the city broker is down',
  usage: 'polder broker [--port N] [--host 127.0.0.1] [--allow-remote] [--json] [--data-dir <path>]',
  async run(argv, io) {
    const { values } = parseFlags(argv, { port: { type: 'string' }, host: { type: 'string' }, 'allow-remote': { type: 'boolean' }, json: { type: 'boolean' }, ...dataDirFlag });
    const port = integerFlag('port', values.port, 1883, 0, 65535);
    const host = values.host ?? '127.0.0.1';
    if (!isLoopback(host) && !values['allow-remote']) {
      throw new UsageError(`--host ${host} lets other machines connect; add --allow-remote if that is what you want (the crisis-room network)`);
    }
    const broker = await startEmbeddedBroker({ port, host }).catch((err: NodeJS.ErrnoException) => {
      throw new Error(err.code === 'EADDRINUSE' ? `port ${port} on ${host} is taken: choose another with --port` : `the broker could not start: ${err.message}`);
    });
    if (values.json) io.out(JSON.stringify({ url: broker.url, port: broker.port, host }));
    else {
      io.out(`MQTT broker listening at ${broker.url}`);
      if (!isLoopback(host)) io.out('Warning: it asks no password; keep it on the crisis-room network. Nodes use it with: polder serve --broker <city broker> --broker mqtt://<this machine>:' + broker.port);
      io.out('Press Ctrl+C to stop.');
    }
    await io.stopRequested;
    await broker.close();
    return 0;
  },
};
