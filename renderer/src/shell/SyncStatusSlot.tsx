import { useEffect, useState } from 'react';
import type { SyncStatus } from '../../../native/api/sync.ts';
import { useHost } from '../bridge/host-context.tsx';
import { useSession } from '../session/session.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { QuarantineList } from './QuarantineList.tsx';
import { useTimeFormat } from './time-format.tsx';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function brokerHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** The status bar's sync slots: broker, outbox, peers and quarantined; offline, the unsent count stands out. */
export function SyncStatusSlot() {
  const { bridge } = useHost();
  const { actor, call } = useSession();
  const time = useTimeFormat();
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [peersOpen, setPeersOpen] = useState(false);

  useEffect(() => {
    if (!actor) return;
    call('sync.status', {}).then(setStatus, () => {});
    return bridge.subscribe('sync.status', setStatus);
  }, [actor, bridge, call]);

  if (!status) return null;
  const syncing = status.brokers.length > 0;
  const online = status.peers.filter((p) => p.online).length;
  const lastSync = status.lastSync === null ? 'never synced' : `last sync ${time.short(status.lastSync)}`;
  return (
    <>
      {syncing && status.connected ? (
        <span className="status-item" data-testid="sync-broker" title={`Syncing through ${status.connected}; ${lastSync}`}>
          Broker {brokerHost(status.connected)}
        </span>
      ) : (
        <span className={`status-item ${status.outbox > 0 ? 'sync-offline' : ''}`} data-testid="sync-offline" role="status" title={syncing ? `No broker reachable (${status.brokers.join(', ')}); ${lastSync}` : 'This node is not set up to sync (polder serve --broker)'}>
          {syncing ? 'Offline' : 'Not syncing'} — {plural(status.outbox, 'change')} not sent
        </span>
      )}
      {syncing && status.connected && (
        <span className="status-item" data-testid="sync-outbox" title="Local changes not yet acknowledged by the broker">
          Outbox {status.outbox}
        </span>
      )}
      <span className="status-item" data-testid="sync-peers">
        <button type="button" className="status-button" onClick={() => setPeersOpen(true)} title="Other workstations and field laptops this one has heard from">
          Peers {online}/{status.peers.length}
        </button>
      </span>
      {status.quarantined > 0 && (
        <span className="status-item has-conflicts" data-testid="sync-quarantined" title="Events received but refused (never applied); an EOC lead can review them">
          Quarantined {status.quarantined}
        </span>
      )}
      {peersOpen && <PeersDialog status={status} onClose={() => setPeersOpen(false)} />}
    </>
  );
}

function PeersDialog({ status, onClose }: { status: SyncStatus; onClose(): void }) {
  const time = useTimeFormat();
  const { actor } = useSession();
  // Only EOC leads may review the quarantine (access sync.review); others see its count above.
  const reviewsTrust = actor?.department === 'eoc' && actor.role === 'lead';
  return (
    <Dialog title="Sync and peers" onClose={onClose}>
      <div data-testid="peers-panel">
        <h3>Brokers</h3>
        {status.brokers.length === 0 ? (
          <p className="placeholder">No broker configured: this node keeps its log to itself.</p>
        ) : (
          <ol className="peer-list">
            {status.brokers.map((b) => (
              <li key={b}>
                {b} {b === status.connected ? <strong>(connected)</strong> : null}
              </li>
            ))}
          </ol>
        )}
        <p>
          {plural(status.outbox, 'local change')} not yet sent · last sync {status.lastSync === null ? 'never' : time.short(status.lastSync)} · {plural(status.quarantined, 'event')} quarantined · {plural(status.conflicts, 'open conflict')}
        </p>
        <h3>Peers</h3>
        {status.peers.length === 0 ? (
          <p className="placeholder">No other node heard from yet.</p>
        ) : (
          <table className="peer-table">
            <thead>
              <tr>
                <th scope="col">Node</th>
                <th scope="col">State</th>
                <th scope="col">Last contact</th>
              </tr>
            </thead>
            <tbody>
              {status.peers.map((p) => (
                <tr key={p.node} data-testid="peer-row">
                  <td>{p.node}</td>
                  <td>{p.online ? 'online' : 'offline'}</td>
                  <td>{time.short(p.lastSeen)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {reviewsTrust && status.quarantined > 0 && (
          <>
            <h3>Quarantined events</h3>
            <QuarantineList refresh={status.quarantined} />
          </>
        )}
      </div>
    </Dialog>
  );
}
