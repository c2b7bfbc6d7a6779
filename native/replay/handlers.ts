import { PolderError } from '../api/errors.ts';
import type { HandlersFor } from '../rpc/handlers.ts';
import type { Replay } from './replay-service.ts';

export type ReplayMethods = 'replay.state' | 'replay.play' | 'replay.pause' | 'replay.setRate' | 'replay.seek';

/** The replay controls; a node that is not replaying answers `unavailable` (and null for its state). */
export function createReplayHandlers(replay: Replay | null): HandlersFor<ReplayMethods> {
  const running = () => {
    if (!replay) throw new PolderError('unavailable', 'This node is not replaying a recording (start one with polder replay <recording>)');
    return replay;
  };
  return {
    'replay.state': () => replay?.state() ?? null,
    'replay.play': () => running().play(),
    'replay.pause': () => running().pause(),
    'replay.setRate': ({ rate }) => running().setRate(rate),
    'replay.seek': ({ at }) => running().seek(at),
  };
}
