import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { migrations } from '../store/migrations/index.ts';
import { openStore } from '../store/store.ts';
import { verifyChain } from './chain.ts';
import { createProjector, dumpProjections } from './projector.ts';

const writer = fileURLToPath(new URL('./crash-writer.ts', import.meta.url));
// Node 22.12–22.17 strip TypeScript only behind a flag (as bin/polder.js handles too).
const stripTypes = (process.features as { typescript?: unknown }).typescript ? [] : ['--experimental-strip-types', '--no-warnings=ExperimentalWarning'];

export interface CrashRun {
  /** Lines `ack <id>` the writer printed before it was killed. */
  acked: string[];
  ready: boolean;
  unclean: boolean | null;
  exitSignal: string | null;
  stderr: string;
}

/**
 * Starts the writer on `dataDir` and SIGKILLs it at a random moment: usually within some
 * milliseconds of its first commit, sometimes while it is still opening (migrations, integrity check).
 */
export function killWriterAtRandom(dataDir: string, random: () => number, maxAfterFirstAckMs = 120): Promise<CrashRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...stripTypes, writer, dataDir, String(Math.floor(random() * 1000))], { stdio: ['ignore', 'pipe', 'pipe'] });
    const run: CrashRun = { acked: [], ready: false, unclean: null, exitSignal: null, stderr: '' };
    let buffered = '';
    const kill = () => child.kill('SIGKILL');
    const duringOpen = random() < 0.2;
    if (duringOpen) setTimeout(kill, random() * 300);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const l of lines) {
        if (l.startsWith('ack ')) {
          run.acked.push(l.slice(4));
          // timed from the first commit, so a loaded machine still kills mid-stream
          if (run.acked.length === 1 && !duringOpen) setTimeout(kill, random() * maxAfterFirstAckMs);
        } else if (l.startsWith('ready ')) {
          run.ready = true;
          run.unclean = l.endsWith('unclean=true');
        }
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (run.stderr += chunk));
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      run.exitSignal = signal;
      resolve(run);
    });
  });
}

export interface CrashCheck {
  integrity: string[];
  missing: string[];
  chainProblems: number;
  /** Local events without their outbox row: the two must commit together. */
  outboxMissing: number;
  rebuildMatches: boolean;
  events: number;
}

/** Reopens a killed writer's store and checks what a crash must never break. */
export function checkAfterCrashes(dataDir: string, acked: readonly string[]): CrashCheck {
  const quiet = { info() {}, warn() {} };
  const store = openStore({ path: join(dataDir, 'ops.sqlite'), backupDir: join(dataDir, 'backups'), migrations, logger: quiet });
  try {
    const integrity = store.integrityCheck().problems;
    const has = store.db.prepare<[string], number>('SELECT 1 FROM events WHERE id = ?').pluck();
    const missing = acked.filter((id) => !has.get(id));
    const chainProblems = verifyChain(store.db, 'dev_crash').problems.length;
    const outboxMissing = store.db
      .prepare("SELECT count(*) FROM events e LEFT JOIN outbox o ON o.event_id = e.id WHERE e.origin = 'dev_crash' AND o.event_id IS NULL")
      .pluck()
      .get() as number;
    const live = dumpProjections(store.db);
    createProjector(store.db).rebuild();
    const rebuilt = dumpProjections(store.db);
    const rebuildMatches = JSON.stringify(live) === JSON.stringify(rebuilt);
    const events = store.db.prepare('SELECT count(*) FROM events').pluck().get() as number;
    return { integrity, missing, chainProblems, outboxMissing, rebuildMatches, events };
  } finally {
    store.close();
  }
}

