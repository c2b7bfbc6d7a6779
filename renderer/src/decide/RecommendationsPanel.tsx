import { useCallback, useEffect, useState } from 'react';
import type { ForecastRecord, Recommendation } from '../../../native/api/decide.ts';
import type { SimEdit } from '../../../native/api/sim.ts';
import { Priority } from '../../../native/api/ops.ts';
import { useHost, useLinkGeneration } from '../bridge/host-context.tsx';
import { useReadOnly } from '../session/read-only.ts';
import { useSession } from '../session/session.tsx';
import { useToasts } from '../ui/toasts.tsx';
import { useWhatIfOverlay } from '../map/whatif-overlay.tsx';
import { GaugeSkillTable } from './GaugeSkillTable.tsx';
import { WhatIfForm } from './WhatIfForm.tsx';
import { WhatIfTable, type ComparedWhatIf } from './WhatIfTable.tsx';

/** What-ifs compared side by side at most; the oldest makes way. */
const maxCompared = 4;

type Mode = { id: string; kind: 'edit' | 'reject' } | null;

/** Run a forecast; the tasks it recommends wait here as drafts until a person approves, edits or rejects them. */
export function RecommendationsPanel() {
  const { bridge } = useHost();
  const generation = useLinkGeneration();
  const { call, departments, departmentName } = useSession();
  const toasts = useToasts();
  const [drafts, setDrafts] = useState<Recommendation[]>([]);
  const [progress, setProgress] = useState<number | null>(null);
  const [ahead, setAhead] = useState(60);
  const [mode, setMode] = useState<Mode>(null);
  const [form, setForm] = useState({ title: '', department: '', priority: 'normal' as Recommendation['priority'], reason: '' });
  const readOnly = useReadOnly() !== null;
  const [lastForecast, setLastForecast] = useState<ForecastRecord | null>(null);
  const [pendingWhatIf, setPendingWhatIf] = useState<{ id: string; baseId: string; name: string } | null>(null);
  const [whatIfs, setWhatIfs] = useState<ComparedWhatIf[]>([]);
  const hideWhatIf = useWhatIfOverlay().show;
  const [ranking, setRanking] = useState(false);

  const load = useCallback(() => {
    call('recommendations.list', { status: 'draft' }).then(setDrafts, toasts.error);
  }, [call, toasts]);

  useEffect(() => {
    load();
    const offs = [
      bridge.subscribe('recommendations.changed', load),
      bridge.subscribe('forecast.progress', (p) => setProgress(p.fraction)),
      bridge.subscribe('forecast.finished', (r: ForecastRecord) => {
        setProgress(null);
        if (r.trigger === 'what-if') return;
        if (r.state !== 'completed') toasts.warn(`Forecast ${r.state}${r.error ? `: ${r.error}` : ''}`);
        else {
          setLastForecast(r);
          // what-ifs branch from one forecast: a new one starts the comparison afresh
          setWhatIfs([]);
          hideWhatIf(null);
          toasts.info(`Forecast done: ${r.alerts?.length ?? 0} asset(s) at risk`);
        }
      }),
    ];
    return () => offs.forEach((off) => off());
  }, [bridge, load, toasts, generation, hideWhatIf]);

  useEffect(() => {
    if (!pendingWhatIf) return;
    return bridge.subscribe('forecast.finished', (r: ForecastRecord) => {
      if (r.id !== pendingWhatIf.id) return;
      setPendingWhatIf(null);
      if (r.state !== 'completed') toasts.warn(`What-if ${r.state}${r.error ? `: ${r.error}` : ''}`);
      else
        call('whatif.compare', { baseId: pendingWhatIf.baseId, otherId: r.id }).then(
          (diff) => setWhatIfs((list) => [...list.filter((w) => w.name !== pendingWhatIf.name), { id: r.id, name: pendingWhatIf.name, diff }].slice(-maxCompared)),
          toasts.error,
        );
    });
  }, [bridge, call, pendingWhatIf, toasts]);

  const runWhatIf = (baseId: string, name: string, edits: SimEdit[], closures: string[]) => {
    call('whatif.run', { baseId, name, edits, closures }).then((r) => setPendingWhatIf({ id: r.id, baseId, name }), toasts.error);
  };
  const tryDraft = (d: Recommendation) => d.edit && runWhatIf(d.forecastId, d.title, [d.edit], []);
  const rank = () => {
    if (!lastForecast) return;
    setRanking(true);
    call('whatif.rank', { baseId: lastForecast.id }).then(
      (ranked) => {
        setRanking(false);
        toasts.info(`${ranked.filter((r) => r.depthRemoved > 0.005).length} pump/barrier placement(s) drafted for Works`);
        load();
      },
      (err: unknown) => {
        setRanking(false);
        toasts.error(err);
      },
    );
  };

  const runForecast = () => {
    setProgress(0);
    call('forecast.run', { aheadMinutes: ahead }).catch((err: unknown) => {
      setProgress(null);
      toasts.error(err);
    });
  };
  const open = (d: Recommendation, kind: 'edit' | 'reject') => {
    setMode({ id: d.id, kind });
    setForm({ title: d.title, department: d.department, priority: d.priority, reason: '' });
  };
  const act = (p: Promise<unknown>) =>
    p.then(() => {
      setMode(null);
      load();
    }, toasts.error);
  const reason = form.reason.trim() || undefined;

  return (
    <section className="panel panel-drafts" aria-labelledby="panel-drafts-title" data-testid="drafts">
      <div className="panel-head">
        <h2 id="panel-drafts-title">
          Recommended tasks <span className="count">{drafts.length}</span>
        </h2>
        {!readOnly && (
          <span className="forecast-run">
            <label className="small">
              Ahead (min){' '}
              <input type="number" min={1} max={1440} value={ahead} onChange={(e) => setAhead(Number(e.target.value) || 60)} data-testid="forecast-ahead" />
            </label>
            <button type="button" className="button" onClick={runForecast} disabled={progress !== null} data-testid="forecast-run">
              {progress === null ? 'Forecast' : `Forecasting… ${Math.round(progress * 100)}%`}
            </button>
            <button type="button" className="button" onClick={rank} disabled={!lastForecast || ranking || progress !== null} data-testid="whatif-rank" title="Try a pump and a flood barrier at each asset at risk, each in its own what-if run">
              {ranking ? 'Ranking…' : 'Rank pumps & barriers'}
            </button>
          </span>
        )}
      </div>
      <GaugeSkillTable />
      {pendingWhatIf && <p className="small">What-if “{pendingWhatIf.name}” running…</p>}
      {lastForecast && !readOnly && <WhatIfForm forecast={lastForecast} busy={pendingWhatIf !== null} onRun={(name, closures) => runWhatIf(lastForecast.id, name, [], closures)} />}
      {whatIfs.length > 0 && <WhatIfTable whatIfs={whatIfs} />}
      {drafts.length === 0 ? (
        <p className="placeholder">No drafts. A forecast recommends closures and protection here for a person to decide.</p>
      ) : (
        <ul className="draft-list">
          {drafts.map((d) => (
            <li key={d.id} className="draft" data-testid={`draft-${d.id}`} aria-label={d.title}>
              <strong>{d.title}</strong> <span className="small">{departmentName(d.department)} · {d.priority}</span>
              <p className="small">{d.description}</p>
              {mode?.id === d.id ? (
                <form
                  className="draft-form"
                  onSubmit={(e) => {
                    e.preventDefault();
                    if (mode.kind === 'reject') void act(call('recommendations.reject', { id: d.id, reason: form.reason }));
                    else void act(call('recommendations.approve', { id: d.id, title: form.title, department: form.department, priority: form.priority, reason }));
                  }}
                >
                  {mode.kind === 'edit' && (
                    <>
                      <label>
                        Title <input value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} />
                      </label>
                      <label>
                        Department{' '}
                        <select value={form.department} onChange={(e) => setForm({ ...form, department: e.target.value })}>
                          {departments.map((dep) => (
                            <option key={dep.id} value={dep.id}>
                              {dep.name}
                            </option>
                          ))}
                        </select>
                      </label>
                      <label>
                        Priority{' '}
                        <select value={form.priority} onChange={(e) => setForm({ ...form, priority: e.target.value as Recommendation['priority'] })}>
                          {Priority.options.map((p) => (
                            <option key={p} value={p}>
                              {p}
                            </option>
                          ))}
                        </select>
                      </label>
                    </>
                  )}
                  <label>
                    Reason <input value={form.reason} onChange={(e) => setForm({ ...form, reason: e.target.value })} required={mode.kind === 'reject'} />
                  </label>
                  <button type="submit" className="button">
                    {mode.kind === 'reject' ? 'Reject' : 'Approve with changes'}
                  </button>
                  {mode.kind === 'edit' && (
                    <button type="button" className="button" onClick={() => void act(call('recommendations.edit', { id: d.id, title: form.title, department: form.department, priority: form.priority, reason }))}>
                      Save draft
                    </button>
                  )}
                  <button type="button" className="button" onClick={() => setMode(null)}>
                    Cancel
                  </button>
                </form>
              ) : (
                !readOnly && (
                  <div className="draft-actions">
                    <button type="button" className="button" onClick={() => void act(call('recommendations.approve', { id: d.id }))}>
                      Approve
                    </button>
                    <button type="button" className="button" onClick={() => open(d, 'edit')}>
                      Edit
                    </button>
                    <button type="button" className="button" onClick={() => open(d, 'reject')}>
                      Reject
                    </button>
                    {d.edit && (
                      <button type="button" className="button" onClick={() => tryDraft(d)} disabled={pendingWhatIf !== null}>
                        Try (what-if)
                      </button>
                    )}
                  </div>
                )
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
