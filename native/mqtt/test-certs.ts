import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCerts {
  dir: string;
  ca: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
  /** A client certificate signed by another CA the broker does not trust. */
  strangerCert: string;
  strangerKey: string;
  cleanup(): void;
}

/** A throwaway CA, a server certificate for 127.0.0.1 and client certificates, made with the openssl CLI. */
export function makeTestCerts(): TestCerts {
  const dir = mkdtempSync(join(tmpdir(), 'polder-certs-'));
  const at = (name: string) => join(dir, name);
  const ssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  const ca = (name: string) => ssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '2', '-subj', `/CN=${name}`, '-keyout', at(`${name}.key`), '-out', at(`${name}.pem`));
  const leaf = (name: string, by: string) => {
    ssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-subj', `/CN=${name}`, '-keyout', at(`${name}.key`), '-out', at(`${name}.csr`));
    ssl('x509', '-req', '-in', at(`${name}.csr`), '-CA', at(`${by}.pem`), '-CAkey', at(`${by}.key`), '-CAcreateserial', '-days', '2', '-extfile', at(`${name}.ext`), '-out', at(`${name}.pem`));
  };
  ca('test-ca');
  ca('stranger-ca');
  writeFileSync(at('server.ext'), 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  writeFileSync(at('node-a.ext'), 'extendedKeyUsage=clientAuth\n');
  writeFileSync(at('stranger.ext'), 'extendedKeyUsage=clientAuth\n');
  leaf('server', 'test-ca');
  leaf('node-a', 'test-ca');
  leaf('stranger', 'stranger-ca');
  return {
    dir,
    ca: at('test-ca.pem'),
    serverCert: at('server.pem'),
    serverKey: at('server.key'),
    clientCert: at('node-a.pem'),
    clientKey: at('node-a.key'),
    strangerCert: at('stranger.pem'),
    strangerKey: at('stranger.key'),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
