import { deviceKeyPath, loadOrCreateDeviceKey } from '../../identity/keys.ts';
import { opsBackupDir, opsDatabasePath, resolveDeviceId } from '../../ops/service.ts';
import { migrations } from '../../store/migrations/index.ts';
import { openStore } from '../../store/store.ts';
import { parseFlags, UsageError, type Command } from '../command.ts';
import { dataDirFlag, resolveDataDir } from '../data-dir.ts';

export const keysCommand: Command = {
  name: 'keys',
  summary: "make this device's Ed25519 signing key (polder keys init) and print its id and public key",
  usage: 'polder keys init [--json] [--data-dir <path>]',
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { json: { type: 'boolean' }, ...dataDirFlag }, true);
    if (positionals[0] !== 'init' || positionals.length > 1) throw new UsageError(positionals[0] ? `unknown keys action "${positionals.join(' ')}": use init` : 'say what to do: init');
    const dataDir = resolveDataDir(values['data-dir'], io.env);
    const store = openStore({ path: opsDatabasePath(dataDir), backupDir: opsBackupDir(dataDir), migrations, logger: { info() {}, warn: (m) => io.err(`warning: ${m}`) } });
    let deviceId: string;
    try {
      deviceId = resolveDeviceId(store, undefined);
    } finally {
      store.close();
    }
    const { key, created } = loadOrCreateDeviceKey(dataDir, deviceId);
    const file = deviceKeyPath(dataDir);
    if (values.json) io.out(JSON.stringify({ deviceId, publicKey: key.publicKey, file, created }));
    else {
      io.out(`${created ? 'made' : 'this device already has'} the key ${file} (readable by you only)`);
      io.out(`device      ${deviceId}`);
      io.out(`public key  ${key.publicKey}`);
      io.out(`add it to the roster: polder roster add device ${deviceId} --public-key=${key.publicKey} --kind workstation|field-laptop --file <roster>`);
    }
    return 0;
  },
};
