import type { Migration } from '../migrate.ts';

/**
 * A forecast's result grids, so a stored forecast can be shown and compared after a restart: per
 * cell its peak depth (m), the time the water reached the impact depth (s, -1 never) and the
 * ensemble's share of members reaching it, each zlib-deflated little-endian Float32 (row 0 north),
 * with the per-target impacts the comparison reads (targets' places included), and the simulated
 * second the run stopped early because the flood had gone steady (null: it ran its whole window). Bounded by the
 * forecast service's retention (the newest N, none older than a maximum age); the forecast
 * record itself is kept.
 */
export const forecastGrids: Migration = {
  version: 15,
  name: 'forecast-grids',
  up(db) {
    db.exec(`
      CREATE TABLE forecast_grids (
        forecast_id TEXT PRIMARY KEY REFERENCES forecasts (id),
        nx INTEGER NOT NULL CHECK (nx > 0),
        ny INTEGER NOT NULL CHECK (ny > 0),
        impacts TEXT NOT NULL CHECK (json_valid(impacts) AND json_type(impacts) = 'array'),
        max_depth BLOB NOT NULL,
        arrival BLOB NOT NULL,
        probability BLOB NOT NULL,
        steady_at REAL,
        stored_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX forecast_grids_by_time ON forecast_grids (stored_at);
    `);
  },
};
