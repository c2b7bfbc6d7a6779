import type { Migration } from '../migrate.ts';

/**
 * Live sensors: the registry (one row per SensorThings Datastream), every accepted reading with
 * its quality flags and raw payload, per-minute and per-hour summaries for charts, every rejected
 * payload with its reason, and the received / accepted / quarantined counts per datastream.
 * Readings are facts about the world, not operations events: they live beside the log, not in it.
 */
export const sensorReadings: Migration = {
  version: 10,
  name: 'sensor-readings',
  up(db) {
    db.exec(`
      CREATE TABLE sensors (
        id TEXT PRIMARY KEY,
        thing TEXT NOT NULL,
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('water-level', 'rain-intensity', 'flow', 'soil-moisture')),
        lon REAL NOT NULL,
        lat REAL NOT NULL,
        warning REAL,
        danger REAL,
        rising_per_hour REAL,
        silence_after_s INTEGER NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('scenario', 'edited')),
        updated_at INTEGER NOT NULL,
        CHECK ((warning IS NULL) = (danger IS NULL) AND (warning IS NULL OR warning < danger))
      ) STRICT;
      CREATE TABLE sensor_readings (
        sensor_id TEXT NOT NULL,
        time INTEGER NOT NULL,
        value REAL NOT NULL,
        result_time INTEGER,
        received_at INTEGER NOT NULL,
        flags INTEGER NOT NULL,
        payload BLOB NOT NULL
      ) STRICT;
      -- Rows go in arrival order (a batch fills a few pages); only this index is per sensor.
      CREATE UNIQUE INDEX sensor_readings_by_sensor ON sensor_readings (sensor_id, time);
      CREATE TABLE sensor_summaries (
        sensor_id TEXT NOT NULL,
        width_ms INTEGER NOT NULL,
        bucket INTEGER NOT NULL,
        min REAL NOT NULL,
        max REAL NOT NULL,
        sum REAL NOT NULL,
        count INTEGER NOT NULL,
        flagged INTEGER NOT NULL,
        PRIMARY KEY (sensor_id, width_ms, bucket)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE sensor_quarantine (
        id INTEGER PRIMARY KEY,
        received_at INTEGER NOT NULL,
        topic TEXT NOT NULL,
        sensor_id TEXT,
        reason TEXT NOT NULL,
        payload BLOB NOT NULL
      ) STRICT;
      CREATE INDEX sensor_quarantine_by_sensor ON sensor_quarantine (sensor_id, id);
      CREATE TABLE sensor_counts (
        sensor_id TEXT PRIMARY KEY,
        received INTEGER NOT NULL,
        accepted INTEGER NOT NULL,
        quarantined INTEGER NOT NULL,
        last_seen INTEGER,
        CHECK (received = accepted + quarantined)
      ) STRICT;
      CREATE TABLE sensor_settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `);
  },
};
