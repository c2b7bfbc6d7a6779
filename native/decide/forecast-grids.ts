// Forecast result grids on disk (migration 015): each completed forecast's peak depth, arrival
// and probability grids, deflated, so what-if comparisons and the map work after a restart.
// Bounded: only the newest forecasts' grids are kept, and none older than a maximum age.
import { deflateSync, inflateSync } from 'node:zlib';
import type { Database } from 'better-sqlite3';
import type { ForecastOutcome } from '../../simulation/host/forecast.ts';

/** What a stored forecast's comparison and map need: its grid and per-target impacts. */
export type StoredForecast = Pick<ForecastOutcome, 'nx' | 'ny' | 'impacts' | 'grids' | 'steadyAt'>;

export interface GridRetention {
  /** Keep the grids of this many newest forecasts. */
  keep: number;
  /** Drop grids stored longer ago than this (ms); null: no age limit. */
  maxAgeMs: number | null;
}

/** A working day's forecasts at one every few minutes, and a week at most. */
export const defaultGridRetention: GridRetention = { keep: 200, maxAgeMs: 7 * 24 * 3_600_000 };

interface Row {
  nx: number;
  ny: number;
  impacts: string;
  max_depth: Buffer;
  arrival: Buffer;
  probability: Buffer;
  steady_at: number | null;
}

// Float32Array in the host's byte order: little-endian on every platform Polder runs on.
const pack = (grid: Float32Array): Buffer => deflateSync(Buffer.from(grid.buffer, grid.byteOffset, grid.byteLength), { level: 1 });

function unpack(blob: Buffer, cells: number): Float32Array {
  const bytes = inflateSync(blob);
  if (bytes.byteLength !== cells * 4) throw new Error(`a stored forecast grid holds ${bytes.byteLength / 4} cells, expected ${cells}`);
  const grid = new Float32Array(cells);
  new Uint8Array(grid.buffer).set(bytes);
  return grid;
}

export function createForecastGridStore(db: Database, retention: GridRetention = defaultGridRetention) {
  if (!Number.isInteger(retention.keep) || retention.keep < 1) throw new Error(`forecast grid retention must keep at least 1 forecast, got ${retention.keep}`);
  const insert = db.prepare('INSERT OR REPLACE INTO forecast_grids (forecast_id, nx, ny, impacts, max_depth, arrival, probability, steady_at, stored_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const byId = db.prepare<[string], Row>('SELECT nx, ny, impacts, max_depth, arrival, probability, steady_at FROM forecast_grids WHERE forecast_id = ?');
  const beyondNewest = db.prepare('DELETE FROM forecast_grids WHERE forecast_id NOT IN (SELECT forecast_id FROM forecast_grids ORDER BY stored_at DESC, rowid DESC LIMIT ?)');
  const olderThan = db.prepare('DELETE FROM forecast_grids WHERE stored_at < ?');
  const count = db.prepare<[], number>('SELECT count(*) FROM forecast_grids').pluck();

  /** Drops the grids the retention no longer keeps (also on opening: the app may have been off for days). */
  function prune(now: number): void {
    if (retention.maxAgeMs !== null) olderThan.run(now - retention.maxAgeMs);
    beyondNewest.run(retention.keep);
  }

  return {
    /** Stores a completed forecast's grids and drops what the retention no longer keeps. */
    put(id: string, outcome: StoredForecast, now: number): void {
      const { maxDepth, arrival, probability } = outcome.grids;
      const blobs = [pack(maxDepth), pack(arrival), pack(probability)];
      db.transaction(() => {
        insert.run(id, outcome.nx, outcome.ny, JSON.stringify(outcome.impacts), ...blobs, outcome.steadyAt ?? null, now);
        prune(now);
      })();
    },
    prune,
    get(id: string): StoredForecast | null {
      const row = byId.get(id);
      if (!row) return null;
      const cells = row.nx * row.ny;
      return {
        nx: row.nx,
        ny: row.ny,
        impacts: JSON.parse(row.impacts) as StoredForecast['impacts'],
        grids: { maxDepth: unpack(row.max_depth, cells), arrival: unpack(row.arrival, cells), probability: unpack(row.probability, cells) },
        steadyAt: row.steady_at,
      };
    },
    count: () => count.get()!,
  };
}

export type ForecastGridStore = ReturnType<typeof createForecastGridStore>;
