import { memo, useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { textLimits, type TimelineEntry } from '../../../native/api/ops.ts';
import { useConnectionState } from '../bridge/host-context.tsx';
import { useDataLayer, useTimelineView } from '../data/data-context.tsx';
import { timelineLimit } from '../data/data-layer.ts';
import { mergeEntries, timelineMatches, type TimelineFilter } from '../data/timeline-feed.ts';
import { useSession } from '../session/session.tsx';
import { useSelection } from '../shell/selection.tsx';
import { useTimeFormat, type TimeFormat } from '../shell/time-format.tsx';
import { FieldNote } from '../ui/FieldNote.tsx';
import { useToasts } from '../ui/toasts.tsx';

const kinds = [
  ['task', 'Tasks'],
  ['alert', 'Alerts'],
  ['unit', 'Units'],
  ['log', 'Notes'],
  ['request', 'Resources'],
  ['incident', 'Incidents'],
  ['inject', 'Exercise injects'],
] as const;

interface Filters {
  department: string;
  actorId: string;
  kind: string;
  text: string;
}

/** The ICS 214 activity log: who did what and when, newest first, filterable, each line linked to its item. */
export function TimelinePanel() {
  const time = useTimeFormat();
  const { call, departments, actors, actorName, departmentName } = useSession();
  const { select } = useSelection();
  const toasts = useToasts();
  const [filters, setFilters] = useState<Filters>({ department: '', actorId: '', kind: '', text: '' });
  const layer = useDataLayer();
  const connection = useConnectionState();
  const feed = useTimelineView();
  const [filtered, setFiltered] = useState<TimelineEntry[] | null>(null);
  const [filterError, setFilterError] = useState<string | null>(null);
  const [note, setNote] = useState('');

  const query = useMemo<TimelineFilter | null>(() => {
    const q = {
      department: filters.department || undefined,
      actorId: filters.actorId || undefined,
      kind: filters.kind || undefined,
      text: filters.text.trim() || undefined,
    };
    return Object.values(q).some((v) => v !== undefined) ? q : null;
  }, [filters]);

  // Unfiltered, the panel shows the window's feed. Filtered, it queries once and then takes the
  // matching entries of each push, without asking the host again.
  useEffect(() => {
    setFiltered(null);
    // A reconnection queries again: entries pushed while disconnected were lost.
    if (!query || connection !== 'open') return;
    let current = true;
    const early: TimelineEntry[] = [];
    let list: TimelineEntry[] | null = null;
    const off = layer.onTimelineAppended((fresh) => {
      const mine = fresh.filter((e) => timelineMatches(e, query));
      if (mine.length === 0) return;
      if (!list) early.push(...mine);
      else setFiltered((list = mergeEntries(list, mine, timelineLimit)));
    });
    layer.read('timeline.query', { ...query, limit: timelineLimit }).then(
      (answer) => {
        if (!current) return;
        setFiltered((list = mergeEntries(answer, early, timelineLimit)));
        setFilterError(null);
      },
      (err: Error) => current && setFilterError(err.message),
    );
    return () => {
      current = false;
      off();
    };
  }, [layer, query, connection]);

  const entries = (query ? filtered : feed.entries) ?? [];
  const error = query ? filterError : feed.error;

  const set = (key: keyof Filters, value: string) => setFilters((f) => ({ ...f, [key]: value }));

  const addNote = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await call('log.append', { text: note });
      setNote('');
    } catch (err) {
      toasts.error(err);
    }
  };

  const open = useCallback(
    (entry: TimelineEntry) => {
      if (entry.kind === 'task' || entry.kind === 'alert') select({ kind: entry.kind, id: entry.entityId });
    },
    [select],
  );

  return (
    <section className="panel panel-timeline" aria-labelledby="panel-timeline-title" id="region-timeline">
      <div className="panel-head">
        <h2 id="panel-timeline-title">Activity log</h2>
        <div className="timeline-filters" role="group" aria-label="Activity log filters">
          <select aria-label="Department" value={filters.department} onChange={(e) => set('department', e.target.value)}>
            <option value="">All departments</option>
            {departments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.short}
              </option>
            ))}
          </select>
          <select aria-label="Who" value={filters.actorId} onChange={(e) => set('actorId', e.target.value)}>
            <option value="">Everyone</option>
            {actors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
          <select aria-label="What" value={filters.kind} onChange={(e) => set('kind', e.target.value)}>
            <option value="">Everything</option>
            {kinds.map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </select>
          <input type="search" aria-label="Search the log" placeholder="Search" value={filters.text} onChange={(e) => set('text', e.target.value)} />
        </div>
      </div>
      {error && <p role="alert" className="inline-error">{error}</p>}
      <ol className="timeline" data-testid="timeline" tabIndex={-1} aria-label="Activity log entries, newest first">
        {entries.map((entry) => (
          <TimelineLine key={entry.id} entry={entry} time={time} actorName={actorName} departmentName={departmentName} onOpen={open} />
        ))}
        {entries.length === 0 && <li className="placeholder">Nothing logged{filters.text || filters.kind || filters.department || filters.actorId ? ' for these filters' : ' yet'}.</li>}
      </ol>
      <form className="note-form" onSubmit={addNote}>
        <input aria-label="Add a note to the activity log" placeholder="Add a note to the log (ICS 214)…" maxLength={textLimits.logText} value={note} onChange={(e) => setNote(e.target.value)} aria-describedby="log-note-count" />
        <FieldNote id="log-note-count" length={note.length} limit={textLimits.logText} />
        <button type="submit" className="button" disabled={!note.trim()}>
          Log
        </button>
      </form>
    </section>
  );
}

interface TimelineLineProps {
  entry: TimelineEntry;
  time: TimeFormat;
  actorName(id: string): string;
  departmentName(id: string | null): string;
  onOpen(entry: TimelineEntry): void;
}

/** One entry of the log; memoised, so a push renders only the entries it brings. */
const TimelineLine = memo(function TimelineLine({ entry, time, actorName, departmentName, onOpen }: TimelineLineProps) {
  const linked = entry.kind === 'task' || entry.kind === 'alert';
  return (
    <li className={`timeline-entry kind-${entry.kind}`} data-testid="timeline-entry" data-kind={entry.kind} data-entity-id={entry.entityId}>
      <time dateTime={new Date(entry.at).toISOString()} title={time.full(entry.at)}>
        {time.short(entry.at)}
      </time>
      <span className="timeline-actor">{actorName(entry.actorId)}</span>
      <span className="dept-tag">{departmentName(entry.department)}</span>
      {linked ? (
        <button type="button" className="link timeline-summary" onClick={() => onOpen(entry)}>
          {entry.summary}
        </button>
      ) : (
        <span className="timeline-summary">{entry.summary}</span>
      )}
      {entry.text && <span className="note">“{entry.text}”</span>}
    </li>
  );
});
