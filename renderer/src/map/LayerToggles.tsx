import type * as maplibregl from 'maplibre-gl';
import { useState } from 'react';

const groups = [
  { id: 'relief', label: 'Relief', layers: ['hillshade'] },
  { id: 'buildings', label: 'Buildings', layers: ['buildings'] },
  { id: 'ops', label: 'Alerts & tasks', layers: ['ops-area-fill', 'ops-area-line', 'ops-points'] },
  { id: 'reports', label: 'Public reports', layers: ['report-groups'] },
] as const;

type GroupId = (typeof groups)[number]['id'];

/** Show or hide groups of map layers (the flood overlay has its own switch). */
export function LayerToggles({ map }: { map: maplibregl.Map }) {
  const [hidden, setHidden] = useState<ReadonlySet<GroupId>>(new Set());
  const toggle = (id: GroupId, visible: boolean) => {
    const group = groups.find((g) => g.id === id)!;
    for (const layer of group.layers) if (map.getLayer(layer)) map.setLayoutProperty(layer, 'visibility', visible ? 'visible' : 'none');
    const next = new Set(hidden);
    if (visible) next.delete(id);
    else next.add(id);
    setHidden(next);
  };
  return (
    <fieldset className="layer-toggles">
      <legend>Layers</legend>
      {groups.map((group) => (
        <label key={group.id}>
          <input type="checkbox" checked={!hidden.has(group.id)} onChange={(e) => toggle(group.id, e.target.checked)} />
          {group.label}
        </label>
      ))}
    </fieldset>
  );
}
