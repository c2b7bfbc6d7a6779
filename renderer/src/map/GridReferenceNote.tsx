import { useEffect, useMemo, useState } from 'react';
import type { ScenarioCrs } from '../../../native/api/scenario.ts';
import { useSession } from '../session/session.tsx';
import { gridReferenceOfFields, gridReferencer } from './grid-reference.ts';

/** The scenario's CRS, once asked; null while unknown or when the pack has none the tables know. */
function useScenarioCrs(): ScenarioCrs | null {
  const { call } = useSession();
  const [crs, setCrs] = useState<ScenarioCrs | null>(null);
  useEffect(() => {
    let live = true;
    // No scenario, no grid reference: the lon/lat fields still work on their own.
    call('scenario.crs', {}).then((found) => live && setCrs(found), () => {});
    return () => {
      live = false;
    };
  }, [call]);
  return crs;
}

/** Under a pair of longitude/latitude fields: the same point as the scenario's grid reference. */
export function GridReferenceNote({ lon, lat }: { lon: string; lat: string }) {
  const crs = useScenarioCrs();
  const referencer = useMemo(() => (crs ? gridReferencer(crs) : null), [crs]);
  const reference = gridReferenceOfFields(referencer, lon, lat);
  if (!reference) return null;
  return (
    <p className="muted grid-reference" data-testid="grid-reference">
      Grid reference: {reference.text}
    </p>
  );
}
