import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'maplibre-gl/dist/maplibre-gl.css';
import './styles.css';
import { connectToHost } from './bridge/bridge.ts';
import { HostProvider } from './bridge/host-context.tsx';
import { SessionProvider } from './session/session.tsx';
import { App } from './shell/App.tsx';
import { ClockProvider } from './shell/clock-context.tsx';
import { ConnectionGuard } from './shell/ConnectionGuard.tsx';
import { MapFocusProvider } from './shell/map-focus.ts';
import { TimeFormatProvider } from './shell/time-format.tsx';
import { UiPrefsProvider } from './shell/ui-prefs.tsx';
import { ToastProvider } from './ui/toasts.tsx';

const host = connectToHost();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <HostProvider host={host}>
      <ToastProvider>
        <UiPrefsProvider>
          <ClockProvider>
            <TimeFormatProvider>
            <SessionProvider>
              <MapFocusProvider>
                <ConnectionGuard>
                  <App />
                </ConnectionGuard>
              </MapFocusProvider>
            </SessionProvider>
            </TimeFormatProvider>
          </ClockProvider>
        </UiPrefsProvider>
      </ToastProvider>
    </HostProvider>
  </StrictMode>,
);
