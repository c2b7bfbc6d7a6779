// A simulation team of worker threads over the state's shared memory: the calling thread leads and
// takes the first band of rows, each worker one more band.
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { SolverState } from '../engine/state.ts';
import { leadTeam, soloTeam, type Team } from '../engine/team.ts';
import { engineEntries } from './entries.ts';

export interface ThreadTeam {
  /** For `createSimulation({ team })`: starts the workers on the state. */
  team(s: SolverState): Team;
  /** Resolves once every worker has attached to the state (call after createSimulation). */
  ready(): Promise<void>;
}

/** `entry`: the workers' module (the bundled one in the desktop app; tests pass one that fails). */
export function threadTeam(threads: number, entry: URL = engineEntries.teamWorker): ThreadTeam {
  if (!Number.isInteger(threads) || threads < 1 || threads > 64) throw new Error(`threads must be a whole number from 1 to 64, got ${threads}`);
  if (threads === 1) return { team: soloTeam, ready: async () => {} };
  const workers: Worker[] = [];
  // the leader may only meet the workers at a barrier once all of them have joined the team
  let joined = false;
  return {
    team(s) {
      for (let index = 1; index < threads; index++) {
        workers.push(new Worker(entry, { workerData: { dims: s.dims, memory: s.memory, index } }));
      }
      const lead = leadTeam(s);
      return {
        threads,
        step: lead.step,
        close() {
          if (joined) lead.close();
          for (const w of workers) void w.terminate();
        },
      };
    },
    async ready() {
      await Promise.all(workers.map((w) => Promise.race([once(w, 'message'), once(w, 'error').then(([e]) => Promise.reject(e))])));
      joined = true;
    },
  };
}
