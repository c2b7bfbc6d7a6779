// The members of an ensemble side by side: one worker thread per core given, each running whole
// members alone. On a shared machine a team of threads meeting at a barrier every step waits,
// each step, for whichever thread the scheduler has set aside; members running apart never wait
// for one another, and the results are the same (a member's result never depends on its thread).
import { Worker } from 'node:worker_threads';
import { engineEntries } from './entries.ts';
import type { MemberJob, MemberResult } from './forecast-member.ts';
import type { MemberMessage, MemberReply } from './member-worker.ts';
import type { RunControl } from './run.ts';

/** How often (ms) the pool passes a stop on to its workers. */
const stopCheckMs = 50;

/** Runs `jobs` on up to `threads` workers; null when `control.stop` was set before all finished. */
export function runMembersInWorkers(jobs: readonly MemberJob[], threads: number, control: RunControl, onProgress: (member: number, fractions: readonly number[]) => void, entry: URL = engineEntries.memberWorker): Promise<MemberResult[] | null> {
  const results: MemberResult[] = [];
  const fractions = jobs.map(() => 0);
  const workers: Worker[] = [];
  let next = 0;
  let finished = 0;
  return new Promise((resolve, reject) => {
    let settled = false;
    const timer = setInterval(() => {
      if (!control.stop) return;
      for (const w of workers) w.postMessage({ type: 'stop' } satisfies MemberMessage);
    }, stopCheckMs);
    const settle = (error: Error | null, value: MemberResult[] | null = null) => {
      if (settled) return;
      settled = true;
      clearInterval(timer);
      for (const w of workers) void w.terminate();
      if (error) reject(error);
      else resolve(value);
    };
    const give = (w: Worker) => {
      if (next >= jobs.length) return;
      const member = next++;
      w.postMessage({ type: 'run', member, job: jobs[member]! } satisfies MemberMessage);
    };
    for (let k = 0; k < Math.min(threads, jobs.length); k++) {
      const w = new Worker(entry);
      workers.push(w);
      w.on('error', (error) => settle(error));
      w.on('message', (reply: MemberReply) => {
        if (reply.type === 'failed') return settle(new Error(reply.message));
        if (reply.type === 'progress') {
          fractions[reply.member] = reply.fraction;
          return onProgress(reply.member, fractions);
        }
        if (reply.result === null) return settle(null, null);
        results[reply.member] = reply.result;
        if (++finished === jobs.length) return settle(null, results);
        give(w);
      });
      give(w);
    }
  });
}
