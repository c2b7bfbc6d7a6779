import { useEffect, useState } from 'react';
import type { GaugeSkill } from '../../../native/api/decide.ts';
import { useHost, useLinkGeneration } from '../bridge/host-context.tsx';
import { useSession } from '../session/session.tsx';
import { useToasts } from '../ui/toasts.tsx';

const metres = (v: number | null) => (v === null ? '—' : `${v >= 0 ? '+' : ''}${v.toFixed(2)} m`);

/** How far to trust the forecast at each gauge: the model's level against the observed one over the last hour. */
export function GaugeSkillTable() {
  const { bridge } = useHost();
  const generation = useLinkGeneration();
  const { call } = useSession();
  const toasts = useToasts();
  const [skill, setSkill] = useState<GaugeSkill[]>([]);
  useEffect(() => {
    const load = () => void call('forecast.skill', {}).then(setSkill, toasts.error);
    load();
    return bridge.subscribe('forecast.finished', load);
  }, [bridge, call, toasts, generation]);
  if (skill.length === 0) return null;
  return (
    <table className="whatif-table" data-testid="gauge-skill" aria-label="Forecast skill at the gauges (last hour)">
      <caption className="small">Forecast skill at the gauges, last hour (model − observed)</caption>
      <thead>
        <tr>
          <th scope="col">Gauge</th>
          <th scope="col">Bias</th>
          <th scope="col">RMSE</th>
          <th scope="col">Readings</th>
        </tr>
      </thead>
      <tbody>
        {skill.map((g) => (
          <tr key={g.gauge}>
            <th scope="row">{g.gauge}</th>
            <td>{metres(g.bias)}</td>
            <td>{g.rmse === null ? '—' : `${g.rmse.toFixed(2)} m`}</td>
            <td>{g.n}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
