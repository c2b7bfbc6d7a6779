import type { AppInfo } from '../../../native/api/index.ts';
import { useConnectionState, usePush } from '../bridge/host-context.tsx';

const connectionLabels = { connecting: 'Connecting…', open: 'Connected', closed: 'Disconnected' } as const;

function formatClock(ms: number): string {
  return new Date(ms).toISOString().slice(11, 19) + ' UTC';
}

export function StatusBar({ info }: { info: AppInfo | null }) {
  const connection = useConnectionState();
  const tick = usePush('app.clock');
  return (
    <>
      {tick && tick.mode !== 'live' && (
        <div className="clock-banner" role="alert">
          {tick.mode === 'replay' ? 'REPLAY' : 'EXERCISE'} — the clock is not live
        </div>
      )}
      <footer className="status-bar" aria-label="Status">
        <span className={`status-item connection connection-${connection}`} data-testid="connection">
          {connectionLabels[connection]}
        </span>
        <span className="status-item" data-testid="version">
          Polder {info?.version ?? '…'}
        </span>
        <span className="status-item" data-testid="clock" aria-live="off">
          {tick ? formatClock(tick.now) : '--:--:--'}
        </span>
        <span className="status-item status-slot" data-slot="sync" />
        {info?.scenario && <span className="status-item attribution">{info.scenario.attribution}</span>}
      </footer>
    </>
  );
}
