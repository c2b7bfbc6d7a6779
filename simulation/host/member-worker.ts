// A worker thread running ensemble members one at a time, each alone on its thread: the
// members of an ensemble run side by side with no step-by-step barrier between threads.
import { parentPort, type MessagePort } from 'node:worker_threads';
import { runMember, type MemberJob } from './forecast-member.ts';
import { runControl } from './run.ts';

export type MemberMessage = { type: 'run'; member: number; job: MemberJob } | { type: 'stop' };
export type MemberReply =
  | { type: 'progress'; member: number; fraction: number }
  | { type: 'done'; member: number; result: Awaited<ReturnType<typeof runMember>> }
  | { type: 'failed'; member: number; message: string };

function serveMembers(port: MessagePort): void {
  let control = runControl();
  port.on('message', (message: MemberMessage) => {
    if (message.type === 'stop') {
      control.stop = true;
      return;
    }
    const { member, job } = message;
    control = runControl();
    const post = (reply: MemberReply, transfer: ArrayBuffer[] = []) => port.postMessage(reply, transfer);
    runMember(job, control, (fraction) => post({ type: 'progress', member, fraction }))
      .then((result) => post({ type: 'done', member, result }, result ? [result.maxDepth.buffer as ArrayBuffer, result.arrival.buffer as ArrayBuffer, result.hazard.buffer as ArrayBuffer] : []))
      .catch((error: unknown) => post({ type: 'failed', member, message: error instanceof Error ? error.message : String(error) }));
  });
}

serveMembers(parentPort!);
