// A worker thread of a simulation team: attaches to the shared state and runs its band of
// rows every step until the leader closes the team.
import { parentPort, workerData } from 'node:worker_threads';
import { passesFor } from '../engine/simulation.ts';
import { attachState, type Dims, type StateBuffers } from '../engine/state.ts';
import { joinTeam } from '../engine/team.ts';

const { dims, buffers, index } = workerData as { dims: Dims; buffers: StateBuffers; index: number };
parentPort?.postMessage('ready');
joinTeam(attachState(dims, buffers), index, passesFor(dims.scheme));
