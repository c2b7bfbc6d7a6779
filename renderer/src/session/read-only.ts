import { useClock } from '../shell/clock-context.tsx';
import { useSession } from './session.tsx';

/** What the screens say where an action would be: nobody decides in a replay (native refuses it). */
export const replayReadOnly = 'Replay: read only';

/**
 * Why the person signed in here is offered no actions, or null when they are. An observer only
 * reads, and so does everyone in a replay: the screens show them what was decided, not forms
 * native would refuse.
 */
export function useReadOnly(): string | null {
  const { actor } = useSession();
  const tick = useClock();
  if (tick?.mode === 'replay') return replayReadOnly;
  if (actor?.role === 'observer') return 'Observer: read only';
  return null;
}
