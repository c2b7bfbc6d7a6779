import { useState, type FormEvent } from 'react';
import { opsMethods, textLimits, type Alert } from '../../../native/api/ops.ts';
import { useSession } from '../session/session.tsx';
import { GridReferenceNote } from '../map/GridReferenceNote.tsx';
import { useMapFocus } from '../shell/map-focus.ts';
import { degrees } from '../tasks/LocationFields.tsx';
import { alertSources, certainties, severities, urgencies } from '../tasks/labels.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { fieldErrors, type FieldErrors } from '../ui/field-issues.ts';
import { FieldNote } from '../ui/FieldNote.tsx';
import { useToasts } from '../ui/toasts.tsx';

const fieldLabels = { title: 'Title', description: 'Description', lon: 'Longitude', lat: 'Latitude', dedupeKey: 'Duplicate key', area: 'Area' };
/** The form field an `alerts.raise` issue belongs to: a point's coordinates are the longitude and latitude fields. */
const fieldOfPath = (path: readonly PropertyKey[]) => (path[0] === 'area' && path[1] === 'coordinates' && (path[2] === 0 || path[2] === 1) ? (path[2] === 0 ? 'lon' : 'lat') : String(path[0]));

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
  const [errors, setErrors] = useState<FieldErrors>({});

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const hasLon = lon.trim() !== '';
    const hasLat = lat.trim() !== '';
    const args = {
      title,
      description,
      severity,
      urgency,
      certainty,
      source,
      dedupeKey: dedupeKey.trim() || null,
      area: hasLon || hasLat ? { type: 'Point' as const, coordinates: [hasLon ? Number(lon) : NaN, hasLat ? Number(lat) : NaN] as [number, number] } : drawnArea,
    };
    // The host's own schema, checked here so each refusal shows beside its field in plain words.
    const parsed = opsMethods['alerts.raise'].args.safeParse(args);
    const found = parsed.success ? {} : fieldErrors(parsed.error.issues, fieldLabels, fieldOfPath);
    if (hasLon !== hasLat) found[hasLon ? 'lat' : 'lon'] = `Give the ${hasLon ? 'latitude' : 'longitude'} too, or clear the ${hasLon ? 'longitude' : 'latitude'}.`;
    setErrors(found);
    if (Object.keys(found).length > 0) {
      document.getElementById(`raise-${Object.keys(found)[0]}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const { alert, deduplicated } = await call('alerts.raise', args);
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
          <input id="raise-title" required value={title} onChange={(e) => setTitle(e.target.value)} aria-invalid={Boolean(errors.title)} aria-describedby="raise-title-note" data-autofocus />
          <FieldNote id="raise-title-note" error={errors.title} length={title.length} limit={textLimits.title} />
        </label>
        <label className="field">
          <span>Description</span>
          <textarea id="raise-description" rows={3} value={description} onChange={(e) => setDescription(e.target.value)} aria-invalid={Boolean(errors.description)} aria-describedby="raise-description-note" />
          <FieldNote id="raise-description-note" error={errors.description} length={description.length} limit={textLimits.description} />
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
            <input id="raise-lon" inputMode="decimal" value={lon} onChange={(e) => setLon(e.target.value)} aria-invalid={Boolean(errors.lon)} aria-describedby="raise-lon-note" />
            <FieldNote id="raise-lon-note" error={errors.lon} />
          </label>
          <label className="field">
            <span>Latitude</span>
            <input id="raise-lat" inputMode="decimal" value={lat} onChange={(e) => setLat(e.target.value)} aria-invalid={Boolean(errors.lat)} aria-describedby="raise-lat-note" />
            <FieldNote id="raise-lat-note" error={errors.lat} />
          </label>
          {map.canPick() && (
            <button type="button" className="button" onClick={pick}>
              Pick on map
            </button>
          )}
        </div>
        <GridReferenceNote lon={lon} lat={lat} />
        <label className="field">
          <span>Duplicate key (optional: reports with the same key are grouped)</span>
          <input id="raise-dedupeKey" value={dedupeKey} onChange={(e) => setDedupeKey(e.target.value)} aria-invalid={Boolean(errors.dedupeKey)} aria-describedby="raise-dedupeKey-note" />
          <FieldNote id="raise-dedupeKey-note" error={errors.dedupeKey} length={dedupeKey.length} limit={textLimits.dedupeKey} />
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
