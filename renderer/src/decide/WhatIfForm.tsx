import { useState } from 'react';
import type { ForecastRecord } from '../../../native/api/decide.ts';

/** Roads deeper than this (m) in the forecast are offered for closure. */
const closableDepth = 0.05;
/** The deepest this many are offered: a list that fits the panel. */
const maxOffered = 8;

/** A named what-if closing road segments the forecast floods (pumps and barriers come from the drafts' "Try"). */
export function WhatIfForm({ forecast, busy, onRun }: { forecast: ForecastRecord; busy: boolean; onRun(name: string, closures: string[]): void }) {
  const roads = (forecast.impacts ?? []).filter((i) => i.kind === 'road' && i.peakDepth >= closableDepth).sort((a, b) => b.peakDepth - a.peakDepth)
    .slice(0, maxOffered);
  const [name, setName] = useState('');
  const [closed, setClosed] = useState<ReadonlySet<string>>(new Set());
  if (roads.length === 0) return null;
  const toggle = (id: string, on: boolean) => {
    const next = new Set(closed);
    if (on) next.add(id);
    else next.delete(id);
    setClosed(next);
  };
  return (
    <form
      className="whatif-form"
      data-testid="whatif-form"
      onSubmit={(e) => {
        e.preventDefault();
        onRun(name.trim(), [...closed]);
      }}
    >
      <fieldset>
        <legend className="small">What-if: close roads (no change to the water; recorded and compared)</legend>
        {roads.map((r) => (
          <label key={r.id} className="small">
            <input type="checkbox" checked={closed.has(r.id)} onChange={(e) => toggle(r.id, e.target.checked)} /> {r.name} ({r.peakDepth.toFixed(2)} m)
          </label>
        ))}
        <label className="small">
          Name <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} data-testid="whatif-name" />
        </label>
        <button type="submit" className="button" disabled={busy || closed.size === 0 || name.trim() === ''}>
          Run what-if
        </button>
      </fieldset>
    </form>
  );
}
