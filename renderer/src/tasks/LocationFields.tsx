import type { Location } from './task-draft.ts';
import { GridReferenceNote } from '../map/GridReferenceNote.tsx';
import { useMapFocus } from '../shell/map-focus.ts';

/** Degrees as a person reads them: five decimals, about a metre. */
export const degrees = (value: number): string => value.toFixed(5);

/** Longitude/latitude inputs with "pick on map" when a map listens. Empty means no location. */
export function LocationFields({ lon, lat, onChange }: { lon: string; lat: string; onChange(lon: string, lat: string): void }) {
  const map = useMapFocus();
  return (
    <>
      <div className="form-row">
        <label className="field">
          <span>Longitude</span>
          <input inputMode="decimal" value={lon} onChange={(e) => onChange(e.target.value, lat)} />
        </label>
        <label className="field">
          <span>Latitude</span>
          <input inputMode="decimal" value={lat} onChange={(e) => onChange(lon, e.target.value)} />
        </label>
        {map.canPick() && (
          <button type="button" className="button" onClick={() => map.pick({ purpose: 'Task location', done: (p) => p && onChange(degrees(p[0]), degrees(p[1])) })}>
            Pick on map
          </button>
        )}
      </div>
      <GridReferenceNote lon={lon} lat={lat} />
    </>
  );
}

/** The location the inputs describe, or null for none; throws a readable message for half-filled input. */
export function locationFrom(lon: string, lat: string): Location | null {
  if (lon.trim() === '' && lat.trim() === '') return null;
  const x = Number(lon);
  const y = Number(lat);
  if (lon.trim() === '' || lat.trim() === '' || !Number.isFinite(x) || !Number.isFinite(y)) throw new Error('Give both longitude and latitude as numbers, or neither');
  return { lon: x, lat: y };
}
