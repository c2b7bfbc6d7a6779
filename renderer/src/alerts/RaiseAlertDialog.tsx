import { useState, type FormEvent } from 'react';
import { textLimits, type Alert } from '../../../native/api/ops.ts';
import { useSession } from '../session/session.tsx';
import { useMapFocus } from '../shell/map-focus.ts';
import { degrees } from '../tasks/LocationFields.tsx';
import { alertSources, certainties, severities, urgencies } from '../tasks/labels.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { useToasts } from '../ui/toasts.tsx';

/** Raise an alert by hand (a field report, a call): CAP severity, urgency, certainty and an optional point. */
export function RaiseAlertDialog({ onClose, onRaised, area = null }: { onClose(): void; onRaised(alert: Alert): void; area?: Alert['area'] }) {
  const { call } = useSession();
  const toasts = useToasts();
  const map = useMapFocus();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [severity, setSeverity] = useState<Alert['severity']>('Severe');
  const [urgency, setUrgency] = useState<Alert['urgency']>('Immediate');
  const [certainty, setCertainty] = useState<Alert['certainty']>('Observed');
  const [source, setSource] = useState<Alert['source']>('field');
  const [dedupeKey, setDedupeKey] = useState('');
  const [lon, setLon] = useState(area?.type === 'Point' ? degrees(area.coordinates[0]) : '');
  const [lat, setLat] = useState(area?.type === 'Point' ? degrees(area.coordinates[1]) : '');
  // A drawn polygon stays the alert's area unless the user types a point instead.
  const drawnArea = area && area.type !== 'Point' ? area : null;
  const [busy, setBusy] = useState(false);
  const [picking, setPicking] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const hasPoint = lon.trim() !== '' && lat.trim() !== '';
    setBusy(true);
    try {
      const { alert, deduplicated } = await call('alerts.raise', {
        title,
        description,
        severity,
        urgency,
        certainty,
        source,
        dedupeKey: dedupeKey.trim() || null,
        area: hasPoint ? { type: 'Point', coordinates: [Number(lon), Number(lat)] } : drawnArea,
      });
      toasts.info(deduplicated ? `Grouped with an open alert (now ×${alert.occurrences})` : `Alert raised: ${alert.title}`);
      onRaised(alert);
    } catch (err) {
      toasts.error(err);
    } finally {
      setBusy(false);
    }
  };

  // The dialog steps aside while the user picks: a modal would cover the map and take its clicks.
  const pick = () => {
    setPicking(true);
    map.pick({
      purpose: 'Alert location',
      done: (pos) => {
        setPicking(false);
        if (!pos) return;
        setLon(degrees(pos[0]));
        setLat(degrees(pos[1]));
      },
    });
  };

  const select = <T extends string>(label: string, value: T, set: (v: T) => void, options: readonly T[]) => (
    <label className="field">
      <span>{label}</span>
      <select value={value} onChange={(e) => set(e.target.value as T)}>
        {options.map((o) => (
          <option key={o}>{o}</option>
        ))}
      </select>
    </label>
  );

  return (
    <Dialog title="Raise an alert" onClose={onClose} away={picking}>
      <form className="form" onSubmit={submit} data-testid="raise-alert-form">
        <label className="field">
          <span>Title</span>
          <input required maxLength={textLimits.title} value={title} onChange={(e) => setTitle(e.target.value)} data-autofocus />
        </label>
        <label className="field">
          <span>Description</span>
          <textarea maxLength={textLimits.description} rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />
        </label>
        <div className="form-row">
          {select('Severity', severity, setSeverity, severities)}
          {select('Urgency', urgency, setUrgency, urgencies)}
          {select('Certainty', certainty, setCertainty, certainties)}
          {select('Source', source, setSource, alertSources)}
        </div>
        {drawnArea && <p className="muted">Area: the shape drawn on the map ({drawnArea.type === 'Polygon' ? drawnArea.coordinates[0]!.length - 1 : 'several'} corners).</p>}
        <div className="form-row">
          <label className="field">
            <span>Longitude</span>
            <input inputMode="decimal" value={lon} onChange={(e) => setLon(e.target.value)} />
          </label>
          <label className="field">
            <span>Latitude</span>
            <input inputMode="decimal" value={lat} onChange={(e) => setLat(e.target.value)} />
          </label>
          {map.canPick() && (
            <button type="button" className="button" onClick={pick}>
              Pick on map
            </button>
          )}
        </div>
        <label className="field">
          <span>Duplicate key (optional: reports with the same key are grouped)</span>
          <input maxLength={textLimits.dedupeKey} value={dedupeKey} onChange={(e) => setDedupeKey(e.target.value)} />
        </label>
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={busy}>
            Raise alert
          </button>
        </div>
      </form>
    </Dialog>
  );
}
