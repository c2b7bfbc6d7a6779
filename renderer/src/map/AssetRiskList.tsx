import type { SimAssetRisk } from '../../../native/api/sim.ts';
import { assetRiskLabel, assetsAtRisk } from './asset-risk.ts';
import { assetColor, assetColors } from './scenario-style.ts';

const key = [
  { label: 'no run', color: assetColors.none },
  { label: 'dry', color: assetColors.dry },
  ...assetColors.hazard.map((color, i) => ({ label: `H${i + 1}`, color })),
];

/** The assets the water reaches, worst first (native's order), each a button that shows it on the
 * map; and the key to the asset markers' colours. `assets` is null before any run. */
export function AssetRiskList({ assets, onFocus }: { assets: readonly SimAssetRisk[] | null; onFocus(id: string): void }) {
  const atRisk = assets ? assetsAtRisk(assets) : [];
  return (
    // Folded until a run has something to list: the key alone is not worth the map it covers.
    <details className="asset-risk" open={assets !== null}>
      <summary>Assets at risk{assets ? ` (${atRisk.length})` : ''}</summary>
      {assets === null ? (
        <p className="flood-legend-empty">Run a simulation to see which assets flood.</p>
      ) : atRisk.length === 0 ? (
        <p className="flood-legend-empty">No asset reached by water so far.</p>
      ) : (
        <ol className="asset-risk-list" data-testid="assets-at-risk">
          {atRisk.map((asset) => (
            <li key={asset.id}>
              <button type="button" onClick={() => onFocus(asset.id)} title="Show on the map">
                <span className="asset-dot" style={{ background: assetColor(asset.hazard) }} aria-hidden="true" />
                {assetRiskLabel(asset)}
              </button>
            </li>
          ))}
        </ol>
      )}
      <ul className="asset-key" aria-label="Asset marker colours: peak hazard class at the asset">
        {key.map((row) => (
          <li key={row.label}>
            <span className="asset-dot" style={{ background: row.color }} aria-hidden="true" />
            {row.label}
          </li>
        ))}
      </ul>
    </details>
  );
}
