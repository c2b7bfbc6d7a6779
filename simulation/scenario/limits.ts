// Physical bounds on what a scenario pack may say. A value beyond them is a mistake (wrong units,
// a typo, a corrupt file), never a flood, and is refused with the file and the value.

/** Manning's n: no surface is rougher than 1 (dense brush ≈ 0.2, building blocks ≈ 0.5–1). */
export const maxManningN = 1;

/** Ground and water levels, m: below the deepest ocean trench or above the highest summit is no terrain. */
export const minElevation = -11_000;
export const maxElevation = 9_000;

/** Rain intensity, mm/h: the heaviest one-minute bursts on record are ≈ 2 000 mm/h. */
export const maxRainMmPerHour = 2_000;

/** Inflow discharge, m³/s: more than the Amazon at its mouth. */
export const maxDischargeM3s = 300_000;

/** Cells in a grid: beyond this one grid alone is gigabytes, more than a workstation models. */
export const maxGridCells = 50_000_000;

/** Why nx × ny is more cells than Polder models, or null: checked before any allocation. */
export function gridSizeProblem(nx: number, ny: number): string | null {
  const cells = nx * ny;
  return cells > maxGridCells
    ? `${nx} × ${ny} = ${cells.toLocaleString('en')} cells is more than Polder models (at most ${maxGridCells.toLocaleString('en')}); crop or coarsen the raster`
    : null;
}

/** Why an elevation is not terrain, or null. */
export function elevationProblem(z: number): string | null {
  return z < minElevation || z > maxElevation ? `elevation ${z} m is outside ${minElevation}..${maxElevation} m` : null;
}
