import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { Push, PushEvent } from '../../../native/api/index.ts';
import type { HostLink } from './bridge.ts';
import type { ConnectionState } from './ws-bridge.ts';

const HostContext = createContext<HostLink | null>(null);

export function HostProvider({ host, children }: { host: HostLink; children: ReactNode }) {
  return <HostContext.Provider value={host}>{children}</HostContext.Provider>;
}

export function useHost(): HostLink {
  const host = useContext(HostContext);
  if (!host) throw new Error('useHost outside HostProvider');
  return host;
}

export function useConnectionState(): ConnectionState {
  const host = useHost();
  const [state, setState] = useState(host.state());
  useEffect(() => {
    const off = host.onState(setState);
    // The socket may have opened between the first render and this effect.
    setState(host.state());
    return off;
  }, [host]);
  return state;
}

/** The latest payload of a push event, or null until the first one arrives. */
export function usePush<E extends PushEvent>(event: E): Push[E] | null {
  const { bridge } = useHost();
  const [payload, setPayload] = useState<Push[E] | null>(null);
  useEffect(() => bridge.subscribe(event, setPayload), [bridge, event]);
  return payload;
}
