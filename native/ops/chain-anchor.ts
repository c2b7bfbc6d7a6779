// This device's chain head, kept outside ops.sqlite (and inside every backup) so that a log cut
// short or re-chained after the fact no longer matches a head recorded earlier.
import Database from 'better-sqlite3';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Logger } from '../logger.ts';
import { canonicalBytes } from '../identity/canonical.ts';
import type { SigningKey } from '../identity/keys.ts';

export interface ChainHead {
  origin: string;
  seq: number;
  hash: string;
}

const ChainAnchorFile = z.strictObject({
  format: z.literal(1),
  origin: z.string().min(1),
  seq: z.number().int().min(1),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  writtenAt: z.number(),
  /**
   * The device's Ed25519 signature of the RFC 8785 bytes of { origin, seq, hash } (anchorSigningBytes);
   * null from before devices had keys. Peers that keep the signed heads they receive are what
   * makes a rewrite of this file detectable too.
   */
  signature: z.string().nullable(),
});
export type ChainAnchor = z.infer<typeof ChainAnchorFile>;

export function chainAnchorPath(dataDir: string): string {
  return join(dataDir, 'chain-head.json');
}

/** The newest event of `origin` in the log, or null when it has none. */
export function localHead(db: Database.Database, origin: string): ChainHead | null {
  const row = db.prepare<[string], { seq: number; hash: string }>('SELECT seq, hash FROM events WHERE origin = ? ORDER BY seq DESC LIMIT 1').get(origin);
  return row ? { origin, seq: row.seq, hash: row.hash } : null;
}

/** Why the log does not hold `head` as recorded (events removed, or rewritten), or null when it does. */
export function headProblem(db: Database.Database, head: ChainHead): string | null {
  const at = db.prepare<[string, number], string>('SELECT hash FROM events WHERE origin = ? AND seq = ?').pluck().get(head.origin, head.seq);
  if (at === undefined) {
    const last = localHead(db, head.origin);
    return `event #${head.seq} of ${head.origin} was recorded but the log ends at #${last?.seq ?? 0}: events were removed`;
  }
  return at === head.hash ? null : `event #${head.seq} of ${head.origin} is not the one recorded (its hash differs): the log was rewritten`;
}

/** The anchor in `file`: null when there is none; `problem` when it cannot be read as one. */
export function readChainAnchor(file: string): { anchor: ChainAnchor | null; problem: string | null } {
  if (!existsSync(file)) return { anchor: null, problem: null };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return { anchor: null, problem: `${file} is not valid JSON` };
  }
  const parsed = ChainAnchorFile.safeParse(raw);
  return parsed.success ? { anchor: parsed.data, problem: null } : { anchor: null, problem: `${file} is not a chain-head anchor` };
}

/** What the device signs of its head. */
export function anchorSigningBytes(head: ChainHead): Buffer {
  return canonicalBytes({ origin: head.origin, seq: head.seq, hash: head.hash });
}

/** Replaces the anchor atomically (write, then rename), readable by the owner only; signed when a key is given. */
export function writeChainAnchor(file: string, head: ChainHead, now: number, key?: SigningKey): void {
  const signature = key ? key.sign(anchorSigningBytes(head)) : null;
  const anchor: ChainAnchor = { format: 1, origin: head.origin, seq: head.seq, hash: head.hash, writtenAt: now, signature };
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, JSON.stringify(anchor) + '\n', { mode: 0o600 });
  renameSync(temporary, file);
}

export interface ChainAnchoring {
  /** Moves the anchor to the log's head after a commit; does nothing once the anchor is frozen. */
  committed(): void;
  /** Why the anchor no longer moves (the log did not match it on open), or null. */
  frozen: string | null;
}

/**
 * Checks the log against the anchor on open. When they match (or there is none yet) the anchor
 * follows every commit; when they do not, the anchor is left as it is — evidence for
 * `polder db check` — and no longer moves until the operator restores a backup.
 */
export function openChainAnchoring(deps: { db: Database.Database; origin: string; file: string; now(): number; logger: Logger; key: SigningKey }): ChainAnchoring {
  const { db, origin, file, logger } = deps;
  const { anchor, problem } = readChainAnchor(file);
  let frozen: string | null = problem;
  if (anchor && anchor.origin !== origin) frozen = `${file} anchors device ${anchor.origin}, not this device (${origin})`;
  else if (anchor) frozen = headProblem(db, anchor);
  if (frozen) logger.warn(`the operations log does not match its chain-head anchor: ${frozen}. Run polder db check; the anchor is kept as it is.`);
  else if (!anchor && localHead(db, origin)) logger.warn(`no chain-head anchor in ${file}: starting one now; earlier changes cannot be checked against one`);

  let failing = false;
  const committed = () => {
    if (frozen) return;
    const head = localHead(db, origin);
    if (!head) return;
    try {
      writeChainAnchor(file, head, deps.now(), deps.key);
      failing = false;
    } catch (err) {
      if (!failing) logger.warn(`cannot write the chain-head anchor ${file}: ${err instanceof Error ? err.message : String(err)}`);
      failing = true;
    }
  };
  committed();
  return {
    committed,
    get frozen() {
      return frozen;
    },
  };
}

export interface AnchorReport {
  ok: boolean;
  anchor: { file: string; seq: number | null; writtenAt: number | null; problem: string | null };
  /** Backups whose own head of this device's chain the log no longer holds. */
  backups: { checked: number; problems: { file: string; problem: string }[] };
}

/** Compares this device's chain in the log with the anchor file and with each backup's head. */
export function verifyAnchors(db: Database.Database, origin: string, anchorFile: string, backupFiles: readonly string[]): AnchorReport {
  const { anchor, problem: unreadable } = readChainAnchor(anchorFile);
  const hasEvents = localHead(db, origin) !== null;
  let problem = unreadable;
  if (!problem && !anchor && hasEvents) problem = `there is no anchor (${anchorFile}): a log cut short cannot be told from a new one`;
  if (!problem && anchor && anchor.origin !== origin) problem = `the anchor is for device ${anchor.origin}, not ${origin}`;
  if (!problem && anchor) problem = headProblem(db, anchor);
  const backups: AnchorReport['backups'] = { checked: 0, problems: [] };
  for (const file of backupFiles) {
    let head: ChainHead | null;
    try {
      const copy = new Database(file, { readonly: true, fileMustExist: true });
      try {
        head = localHead(copy, origin);
      } finally {
        copy.close();
      }
    } catch {
      continue; // an unreadable backup proves nothing either way; `db restore` reports it
    }
    backups.checked++;
    const differs = head ? headProblem(db, head) : null;
    if (differs) backups.problems.push({ file, problem: differs });
  }
  return {
    ok: problem === null && backups.problems.length === 0,
    anchor: { file: anchorFile, seq: anchor?.seq ?? null, writtenAt: anchor?.writtenAt ?? null, problem },
    backups,
  };
}
