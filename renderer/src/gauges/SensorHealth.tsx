import { useEffect, useState } from 'react';
import type { Invoke } from '../../../native/api/index.ts';
import { useDataLayer, useSensorsView } from '../data/data-context.tsx';
import { useClock } from '../shell/clock-context.tsx';

type Health = Invoke['sensors.health'][1];
type Quarantined = Invoke['sensors.quarantine'][1];

const refreshMs = 3000;

const ago = (now: number | null, at: number | null) => (at === null ? 'never' : now === null ? '—' : `${Math.max(0, Math.round((now - at) / 1000))} s ago`);

/** Which sensors to trust: last seen, rate, flags and rejects per sensor, the received =
 * accepted + quarantined counts, and the quarantine with its reasons. */
export function SensorHealth() {
  const { read } = useDataLayer();
  const { sensors, counts } = useSensorsView();
  const now = useClock()?.now ?? null;
  const [health, setHealth] = useState<Health | null>(null);
  const [quarantine, setQuarantine] = useState<Quarantined | null>(null);
  const [showQuarantine, setShowQuarantine] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let stopped = false;
    const load = () =>
      read('sensors.health', {}).then(
        (h) => !stopped && (setHealth(h), setError(null)),
        (err: Error) => !stopped && setError(err.message),
      );
    void load();
    const timer = setInterval(load, refreshMs);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [read]);

  useEffect(() => {
    if (!showQuarantine) return;
    let stopped = false;
    read('sensors.quarantine', { limit: 100 }).then(
      (q) => !stopped && setQuarantine(q),
      (err: Error) => !stopped && setError(err.message),
    );
    return () => {
      stopped = true;
    };
  }, [read, showQuarantine, health?.counts.quarantined]);

  const shown = counts ?? health?.counts ?? null;
  const name = (id: string) => sensors?.find((s) => s.id === id)?.name ?? id;
  return (
    <section className="sensor-health" aria-label="Sensor health" data-testid="sensor-health">
      <h3>Sensor health</h3>
      {error && <p className="placeholder">Sensor health unavailable: {error}</p>}
      {shown && (
        <p data-testid="sensor-counts">
          Received {shown.received.toLocaleString('en')} = accepted {shown.accepted.toLocaleString('en')} + quarantined {shown.quarantined.toLocaleString('en')}
        </p>
      )}
      {health && (
        <table>
          <thead>
            <tr>
              <th>Sensor</th>
              <th>Last seen</th>
              <th>Per min</th>
              <th>Flags (last 100)</th>
              <th>Quarantined</th>
            </tr>
          </thead>
          <tbody>
            {health.sensors.map((s) => (
              <tr key={s.sensorId} data-testid={`sensor-health-${s.sensorId}`}>
                <td>{name(s.sensorId)}</td>
                <td className={s.silent ? 'sensor-silent' : undefined}>{s.silent ? `silent (${ago(now, s.lastSeen)})` : ago(now, s.lastSeen)}</td>
                <td>{s.ratePerMinute.toFixed(1)}</td>
                <td>
                  {Object.entries(s.flags)
                    .filter(([, n]) => n > 0)
                    .map(([flag, n]) => `${flag} ${n}`)
                    .join(', ') || 'none'}
                </td>
                <td>{s.counts.quarantined}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button type="button" className="button" aria-expanded={showQuarantine} onClick={() => setShowQuarantine((v) => !v)} data-testid="quarantine-toggle">
        {showQuarantine ? 'Hide the quarantine' : 'Show the quarantine'}
      </button>
      {showQuarantine && quarantine && (
        <ul className="quarantine-list" aria-label="Quarantined payloads" data-testid="quarantine-list">
          {quarantine.length === 0 && <li>Nothing quarantined.</li>}
          {quarantine.map((q) => (
            <li key={q.id}>
              <strong>{q.sensorId ? name(q.sensorId) : q.topic}</strong> — {q.reason} <span>({ago(now, q.receivedAt)})</span>
              <code>{q.payload}</code>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
