import { useEffect, useState, useSyncExternalStore } from 'react';
import type { AppInfo } from '../../../native/api/index.ts';
import type { StorageAlarm } from '../../../native/api/ops.ts';
import { useConnectionState, useHost } from '../bridge/host-context.tsx';
import { useOptionalDataLayer } from '../data/data-context.tsx';
import { useSession } from '../session/session.tsx';
import { useClock } from './clock-context.tsx';
import { SyncStatusSlot } from './SyncStatusSlot.tsx';
import { useTimeFormat } from './time-format.tsx';
import { useUiPrefs } from './ui-prefs.tsx';

const noSubscription = () => () => {};
const connectionLabels = { connecting: 'Connecting…', open: 'Connected', closed: 'Disconnected — reconnecting…' } as const;

/** Connection, freshness, conflicts, storage, version and the app clock; the not-live banner above everything. */
export function StatusBar({ info, onConflicts }: { info: AppInfo | null; onConflicts?(): void }) {
  const connection = useConnectionState();
  const tick = useClock();
  const time = useTimeFormat();
  const { utc, setUtc } = useUiPrefs();
  const { bridge } = useHost();
  const { actor, call } = useSession();
  const [conflicts, setConflicts] = useState<number | null>(null);
  const [alarm, setAlarm] = useState<StorageAlarm | null>(null);
  const timeline = useOptionalDataLayer()?.timeline;
  const entries = useSyncExternalStore(timeline?.subscribe ?? noSubscription, () => timeline?.get().entries ?? null);
  const lastChange = entries?.[0]?.at ?? null;

  useEffect(() => {
    if (!actor) return;
    const loadConflicts = () => call('conflicts.list', {}).then((list) => setConflicts(list.length), () => {});
    loadConflicts();
    call('storage.status', {}).then((s) => setAlarm(s.alarm), () => {});
    const offs = [
      bridge.subscribe('conflicts.changed', loadConflicts),
      bridge.subscribe('storage.alarm', (p) => setAlarm(p.alarm)),
    ];
    return () => offs.forEach((off) => off());
  }, [actor, bridge, call]);

  return (
    <>
      {/* A replay has its own banner across the top (ReplayBanner), with its controls. */}
      {tick && tick.mode === 'exercise' && (
        <div className="clock-banner" role="alert" data-testid="not-live-banner">
          EXERCISE — the clock is not live
        </div>
      )}
      {alarm && (
        <div className="storage-banner" role="alert" data-testid="storage-alarm">
          Storage full since {time.short(alarm.since)}: {alarm.message}. Nothing new can be saved on this device.
        </div>
      )}
      <footer className="status-bar" aria-label="Status">
        <span className={`status-item connection connection-${connection}`} data-testid="connection" role="status">
          {connectionLabels[connection]}
        </span>
        <span className="status-item" data-testid="freshness" title="Time of the latest change in the operations log">
          Last change {lastChange === null ? '—' : time.short(lastChange)}
        </span>
        <span className={`status-item ${conflicts ? 'has-conflicts' : ''}`} data-testid="conflicts">
          {onConflicts ? (
            <button type="button" className="status-button" onClick={onConflicts} title="Edits written over a value their author had not seen: both values are kept until someone resolves them">
              Conflicts {conflicts ?? '—'}
            </button>
          ) : (
            <>Conflicts {conflicts ?? '—'}</>
          )}
        </span>
        {actor && <SyncStatusSlot />}
        <span className="status-item" data-testid="version">
          Polder {info?.version ?? '…'}
        </span>
        <span className="status-item clock" data-testid="clock" aria-live="off" title={tick ? time.full(tick.now) : undefined}>
          {tick ? time.clock(tick.now) : '--:--:--'}{' '}
          <button type="button" className="status-button" onClick={() => setUtc(!utc)} aria-pressed={utc} title={utc ? 'Show times in this device’s time zone' : 'Show times in UTC'} data-testid="time-zone">
            {time.zoneName}
          </button>
        </span>
        {info?.scenario && <span className="status-item attribution">{info.scenario.attribution}</span>}
      </footer>
    </>
  );
}
