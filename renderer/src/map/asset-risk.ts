// Words for an asset's water, for its map label, tooltip and the at-risk list.
import type { SimAssetRisk } from '../../../native/api/sim.ts';

/** "6 min", or seconds under a minute ("40 s"). */
export function arrivalText(seconds: number): string {
  return seconds < 60 ? `${Math.round(seconds)} s` : `${Math.round(seconds / 60)} min`;
}

/** The short text beside the marker: "H4 · 6 min". */
export function assetRiskShort(asset: SimAssetRisk): string {
  const parts = [asset.hazard > 0 ? `H${asset.hazard}` : null, asset.arrivalTime !== null ? arrivalText(asset.arrivalTime) : null];
  return parts.filter((p) => p !== null).join(' · ') || 'dry';
}

/** The sentence for screen readers and tooltips: "Hillview Aged Care — H4, water arrives at 6 min". */
export function assetRiskLabel(asset: SimAssetRisk): string {
  const arrival = asset.arrivalTime !== null ? `water arrives at ${arrivalText(asset.arrivalTime)}` : null;
  if (asset.hazard === 0) return `${asset.name} — ${arrival ?? 'dry so far'}`;
  return `${asset.name} — H${asset.hazard}${arrival ? `, ${arrival}` : ''}`;
}

/** Assets the water has reached, in the order native ranks them (worst hazard, then earliest). */
export function assetsAtRisk(assets: readonly SimAssetRisk[]): SimAssetRisk[] {
  return assets.filter((a) => a.hazard > 0 || a.arrivalTime !== null);
}

/** The popup line: "H4 at peak, up to 0.47 m deep; water arrives at 6 min". */
export function assetRiskDetail(asset: SimAssetRisk): string {
  if (asset.arrivalTime === null && asset.hazard === 0) return 'Dry so far in this run';
  const hazard = asset.hazard > 0 ? `H${asset.hazard} at peak, ` : '';
  const arrival = asset.arrivalTime !== null ? `; water arrives at ${arrivalText(asset.arrivalTime)}` : '';
  return `${hazard}up to ${asset.maxDepth.toFixed(2)} m deep${arrival}`;
}
