import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'maplibre-gl/dist/maplibre-gl.css';
import './styles.css';
import { connectToHost } from './bridge/bridge.ts';
import { HostProvider } from './bridge/host-context.tsx';
import { App } from './shell/App.tsx';

const host = connectToHost();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <HostProvider host={host}>
      <App />
    </HostProvider>
  </StrictMode>,
);
