import { useEffect, type ReactNode } from 'react';
import { useHost, useLink } from '../bridge/host-context.tsx';

/**
 * A screen never looks live when it is not: while the link to the host is down, everything under
 * this guard is inert (no clicks, no focus, no typing) and a full-width alert says why. The bridge
 * refuses calls meanwhile, so nothing piles up to be sent later. It clears by itself once the
 * host answers again, and every live panel reloads then (see HostLink.generation).
 */
export function ConnectionGuard({ children }: { children: ReactNode }) {
  const { needsUrl } = useHost();
  const { state, generation } = useLink();
  // Before the first connection nothing can be lost (calls wait for it) and the screen is still
  // mounting: blocking it then would only lose the focus it sets (the sign-in search).
  const down = needsUrl || state === 'closed';
  useEffect(() => {
    if (!down) return;
    // Shortcuts listen on the window, which `inert` does not cover: stop keys before they reach them.
    const swallow = (e: KeyboardEvent) => {
      e.stopImmediatePropagation();
      e.preventDefault();
    };
    window.addEventListener('keydown', swallow, { capture: true });
    return () => window.removeEventListener('keydown', swallow, { capture: true });
  }, [down]);
  const message = needsUrl
    ? 'This page has no key for the Polder host — open the URL that `polder serve` printed.'
    : generation > 0
      ? 'Connection to the Polder host lost — reconnecting…'
      : 'Cannot reach the Polder host — trying again…';
  return (
    <>
      <div className="connection-guarded" inert={down}>
        {children}
      </div>
      {down && (
        <div className="connection-lost" data-testid="connection-lost" data-state={state}>
          <div className="connection-lost-banner" role="alert">
            <strong>{message}</strong>
            {!needsUrl && <span>Nothing you do on this screen is sent until it is back; what it shows may be out of date.</span>}
          </div>
        </div>
      )}
    </>
  );
}
