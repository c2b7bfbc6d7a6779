import type * as maplibregl from 'maplibre-gl';
import { useEffect, useState } from 'react';
import { paintWhatIf } from './ramps.ts';
import type { GridOverlay } from './raster-layers.ts';
import { diffClasses, type ShownWhatIf } from './whatif-overlay.tsx';

/**
 * Draws the shown what-if difference into its grid overlay (above the flood view), or hides it.
 * The map's container says what is drawn (`data-whatif`: the what-if's name; `data-whatif-cells`:
 * the cells painted), for tests. Returns a problem to show, or null.
 */
export function useWhatIfLayer(map: maplibregl.Map | null, overlay: GridOverlay | null, shown: ShownWhatIf | null): string | null {
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    if (!map || !overlay) return;
    const data = map.getContainer().dataset;
    if (!shown) {
      overlay.setVisible(false);
      delete data.whatif;
      delete data.whatifCells;
      return;
    }
    try {
      const classes = diffClasses(shown.diff);
      const pixels = new Uint8ClampedArray(classes.length * 4);
      paintWhatIf(classes, pixels);
      overlay.draw(new ImageData(pixels, shown.diff.nx, shown.diff.ny));
      let painted = 0;
      for (let k = 3; k < pixels.length; k += 4) if (pixels[k]! > 0) painted++;
      data.whatif = shown.name;
      data.whatifCells = String(painted);
      setProblem(null);
    } catch (err) {
      overlay.setVisible(false);
      setProblem(`The what-if difference could not be drawn: ${(err as Error).message}`);
    }
  }, [map, overlay, shown]);
  return problem;
}
