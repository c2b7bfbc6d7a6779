import { useEffect, useRef, useState } from 'react';
import type { ReplayState } from '../../../native/api/index.ts';
import { useHost, useLinkGeneration, usePush } from '../bridge/host-context.tsx';
import { useSession } from '../session/session.tsx';
import { useClock } from '../shell/clock-context.tsx';
import { useTimeFormat } from '../shell/time-format.tsx';

const speeds = [1, 2, 5, 10, 30, 60] as const;

/**
 * Across the top of every screen of a replay node: REPLAY and the replay's time, unmissable; and,
 * once signed in, play/pause, the speed and a scrub bar over the recording's window.
 */
export function ReplayBanner() {
  const { bridge } = useHost();
  const { actor, call } = useSession();
  const time = useTimeFormat();
  const tick = useClock();
  const pushed = usePush('replay.state');
  const generation = useLinkGeneration();
  const [state, setState] = useState<ReplayState | null>(null);
  const [error, setError] = useState<string | null>(null);
  // While dragging, the scrub bar shows where it would go; it seeks when let go (the input's
  // native change event, which React's onChange does not stand for).
  const [dragging, setDragging] = useState<number | null>(null);
  const scrub = useRef<HTMLInputElement>(null);
  const shown = state !== null && actor !== null;
  useEffect(() => {
    const input = scrub.current;
    if (!shown || !input) return;
    const commit = () => {
      setDragging(null);
      call('replay.seek', { at: Number(input.value) }).then(
        (s) => (setState(s), setError(null)),
        (err: Error) => setError(err.message),
      );
    };
    input.addEventListener('change', commit);
    return () => input.removeEventListener('change', commit);
  }, [shown, call]);

  useEffect(() => {
    if (generation === 0) return;
    bridge.invoke('replay.state', {}).then(setState, () => setState(null));
  }, [bridge, generation]);
  useEffect(() => {
    if (pushed) setState(pushed);
  }, [pushed]);
  // The clock ticks while playing; a state push (a seek, a pause) is newer than the tick before it.
  const [at, setAt] = useState<number | null>(null);
  useEffect(() => {
    if (tick && tick.mode === 'replay') setAt(tick.now);
  }, [tick]);
  useEffect(() => {
    if (state) setAt(state.at);
  }, [state]);

  if (!state) return null;
  const now = Math.min(Math.max(at ?? state.at, state.from), state.to);
  const control = (run: () => Promise<ReplayState>) =>
    run().then(
      (s) => (setState(s), setError(null)),
      (err: Error) => setError(err.message),
    );

  return (
    <div className="replay-banner" role="region" aria-label="Replay" data-testid="replay-banner">
      <strong className="replay-mark">REPLAY</strong>
      <span className="replay-time" data-testid="replay-time" aria-live="off">
        {time.full(dragging ?? now)}
      </span>
      <span className="replay-note">{state.playing ? `playing at ${state.rate}×` : 'paused'} · a recording: nothing done here reaches anyone</span>
      {actor && (
        <span className="replay-controls">
          <button type="button" className="button on-dark" data-testid="replay-play" onClick={() => control(() => call(state.playing ? 'replay.pause' : 'replay.play', {}))}>
            {state.playing ? 'Pause' : 'Play'}
          </button>
          <label>
            Speed{' '}
            <select data-testid="replay-speed" value={state.rate} onChange={(e) => control(() => call('replay.setRate', { rate: Number(e.target.value) }))}>
              {speeds.map((s) => (
                <option key={s} value={s}>
                  {s}×
                </option>
              ))}
            </select>
          </label>
          <input
            ref={scrub}
            type="range"
            className="replay-scrub"
            data-testid="replay-scrub"
            aria-label="Replay time"
            aria-valuetext={time.full(dragging ?? now)}
            min={state.from}
            max={state.to}
            step={1000}
            value={dragging ?? now}
            onChange={(e) => setDragging(Number(e.target.value))}
          />
          <span className="replay-window">
            {time.short(state.from)}–{time.short(state.to)}
          </span>
        </span>
      )}
      {error && (
        <span className="replay-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
