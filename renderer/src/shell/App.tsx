import { useEffect, useState } from 'react';
import type { AppInfo } from '../../../native/api/index.ts';
import { useHost } from '../bridge/host-context.tsx';
import { MapView } from '../map/MapView.tsx';
import { Panel } from './Panel.tsx';
import { StatusBar } from './StatusBar.tsx';

export function App() {
  const { bridge } = useHost();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    bridge.invoke('app.info', {}).then(setInfo, (err: Error) => setError(err.message));
  }, [bridge]);

  return (
    <div className="app">
      <header className="app-header">
        <h1>Polder</h1>
        <span className="scenario-title">{info?.scenario?.title ?? 'No scenario loaded'}</span>
      </header>
      <main className="workspace">
        <Panel id="boards" title="Department boards" />
        <section className="map-area" aria-label="Map">
          {info?.scenario ? <MapView scenario={info.scenario} /> : <p className="placeholder">{error ?? 'Loading…'}</p>}
        </section>
        <div className="side-panels">
          <Panel id="alerts" title="Alert queue" />
          <Panel id="tasks" title="Tasks" />
        </div>
        <Panel id="timeline" title="Timeline" />
      </main>
      <StatusBar info={info} />
    </div>
  );
}
