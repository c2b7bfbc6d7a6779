import type { Migration } from '../migrate.ts';

const col = (field: string, as = field) => `json_extract(state, '$.${field}') AS ${as}`;

/**
 * Typed SQL views over the folded entities, for reports, the after-action review and operators
 * with a sqlite3 shell; plus an index for the board's department/status grouping.
 */
export const readViews: Migration = {
  version: 4,
  name: 'read-views',
  up(db) {
    db.exec(`
      CREATE VIEW tasks_view AS SELECT id, ${['title', 'description', 'department', 'priority', 'status'].map((f) => col(f)).join(', ')},
        ${col('unitId', 'unit_id')}, ${col('dueAt', 'due_at')}, ${col('alertId', 'alert_id')}, ${col('incidentId', 'incident_id')},
        ${col('createdAt', 'created_at')}, ${col('createdBy', 'created_by')}, version
        FROM entities WHERE kind = 'task' AND created = 1;
      CREATE VIEW alerts_view AS SELECT id, ${['source', 'title', 'severity', 'urgency', 'certainty', 'status', 'escalation', 'occurrences'].map((f) => col(f)).join(', ')},
        ${col('dedupeKey', 'dedupe_key')}, ${col('raisedAt', 'raised_at')}, ${col('raisedBy', 'raised_by')}, version
        FROM entities WHERE kind = 'alert' AND created = 1;
      CREATE VIEW units_view AS SELECT id, ${['name', 'kind', 'department', 'status', 'quantity', 'note'].map((f) => col(f)).join(', ')}, version
        FROM entities WHERE kind = 'unit' AND created = 1;
      CREATE VIEW incidents_view AS SELECT id, ${['name', 'phase', 'departments'].map((f) => col(f)).join(', ')}, ${col('createdAt', 'created_at')}, version
        FROM entities WHERE kind = 'incident' AND created = 1;
      CREATE VIEW requests_view AS SELECT id, ${['department', 'kind', 'quantity', 'reason', 'status'].map((f) => col(f)).join(', ')},
        ${col('unitId', 'unit_id')}, ${col('decidedBy', 'decided_by')}, ${col('requestedBy', 'requested_by')}, version
        FROM entities WHERE kind = 'request' AND created = 1;
      CREATE INDEX entities_task_board ON entities (json_extract(state, '$.department'), json_extract(state, '$.status')) WHERE kind = 'task';
    `);
  },
};
