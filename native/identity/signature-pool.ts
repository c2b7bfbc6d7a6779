import { Worker } from 'node:worker_threads';

/** One Ed25519 check: `signature` (base64url) over `bytes` by `publicKey` (base64url, 32 bytes). */
export interface SignatureCheck {
  publicKey: string;
  bytes: Uint8Array;
  signature: string;
}

/**
 * The threads' code, run with `eval`: it needs only node:crypto, so the same pool works under
 * Node, from a bundle and in Electron's utility process without an entry file to ship beside it.
 * Each thread keeps one KeyObject per public key (importing a key costs more than a check).
 */
const threadSource = `
const { parentPort } = require('node:worker_threads');
const { createPublicKey, verify } = require('node:crypto');
const keys = new Map();
parentPort.on('message', ({ id, publicKeys, keyIndex, bytes, offsets, signatures }) => {
  const results = new Uint8Array(keyIndex.length);
  for (let i = 0; i < keyIndex.length; i++) {
    const x = publicKeys[keyIndex[i]];
    try {
      let key = keys.get(x);
      if (!key) keys.set(x, (key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' })));
      results[i] = verify(null, bytes.subarray(offsets[i], offsets[i + 1]), key, signatures.subarray(i * 64, i * 64 + 64)) ? 1 : 0;
    } catch {
      results[i] = 0;
    }
  }
  parentPort.postMessage({ id, results }, [results.buffer]);
});
`;

const wellFormed = /^[A-Za-z0-9_-]{86}$/;

/**
 * Ed25519 checks on worker threads, so a node receiving a backlog keeps its main thread for the
 * network and SQLite while another core checks signatures (about half the work of taking an
 * event in). A batch is split across the threads; the answer for each check comes back in order.
 */
export function createSignaturePool(threads: number) {
  const workers = Array.from({ length: Math.max(1, threads) }, () => new Worker(threadSource, { eval: true }));
  const waiting = new Map<number, { resolve: (results: Uint8Array) => void; reject: (error: Error) => void }>();
  const state = { next: 0, closed: false };
  for (const worker of workers) {
    worker.unref();
    worker.on('message', ({ id, results }: { id: number; results: Uint8Array }) => {
      waiting.get(id)?.resolve(results);
      waiting.delete(id);
    });
    worker.on('error', (error) => {
      for (const w of waiting.values()) w.reject(error);
      waiting.clear();
    });
  }

  function run(worker: Worker, checks: readonly SignatureCheck[]): Promise<Uint8Array> {
    const publicKeys = [...new Set(checks.map((c) => c.publicKey))];
    const keyIndex = Uint16Array.from(checks, (c) => publicKeys.indexOf(c.publicKey));
    const offsets = new Uint32Array(checks.length + 1);
    checks.forEach((c, i) => (offsets[i + 1] = offsets[i]! + c.bytes.length));
    const bytes = new Uint8Array(offsets[checks.length]!);
    const signatures = new Uint8Array(checks.length * 64);
    checks.forEach((c, i) => {
      bytes.set(c.bytes, offsets[i]);
      signatures.set(Buffer.from(c.signature, 'base64url'), i * 64);
    });
    const id = state.next++;
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      worker.postMessage({ id, publicKeys, keyIndex, bytes, offsets, signatures }, [bytes.buffer, signatures.buffer, offsets.buffer, keyIndex.buffer]);
    });
  }

  return {
    /** Whether each signature holds; a malformed one is false without a thread seeing it. */
    async check(checks: readonly SignatureCheck[]): Promise<boolean[]> {
      if (state.closed) throw new Error('the signature pool is closed');
      const results: boolean[] = checks.map(() => false);
      const sendable = checks.flatMap((c, i) => (wellFormed.test(c.signature) ? [i] : []));
      const share = Math.ceil(sendable.length / workers.length);
      await Promise.all(
        workers.map(async (worker, w) => {
          const mine = sendable.slice(w * share, (w + 1) * share);
          if (mine.length === 0) return;
          const answers = await run(worker, mine.map((i) => checks[i]!));
          mine.forEach((i, k) => (results[i] = answers[k] === 1));
        }),
      );
      return results;
    },
    async close(): Promise<void> {
      state.closed = true;
      for (const w of waiting.values()) w.reject(new Error('the signature pool was closed'));
      waiting.clear();
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

export type SignaturePool = ReturnType<typeof createSignaturePool>;
