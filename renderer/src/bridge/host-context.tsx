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

function readLink(host: HostLink) {
  return { state: host.state(), generation: host.generation() };
}

/** The link's state and generation (see HostLink), re-rendering on every change. */
export function useLink(): { state: ConnectionState; generation: number } {
  const host = useHost();
  const [link, setLink] = useState(() => readLink(host));
  useEffect(() => {
    const off = host.onState(() => setLink(readLink(host)));
    // The socket may have opened between the first render and this effect.
    setLink(readLink(host));
    return off;
  }, [host]);
  return link;
}

export function useConnectionState(): ConnectionState {
  return useLink().state;
}

/** Changes each time the link opens again: a dependency that makes an effect reload after a reconnection. */
export function useLinkGeneration(): number {
  return useLink().generation;
}

/** The latest payload of a push event, or null until the first one arrives. */
export function usePush<E extends PushEvent>(event: E): Push[E] | null {
  const { bridge } = useHost();
  const [payload, setPayload] = useState<Push[E] | null>(null);
  useEffect(() => bridge.subscribe(event, setPayload), [bridge, event]);
  return payload;
}
