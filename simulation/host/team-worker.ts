// A worker thread of a simulation team: attaches to the shared state and runs its band of
// rows every step until the leader closes the team.
import { parentPort, workerData } from 'node:worker_threads';
import { workFor } from '../engine/simulation.ts';
import { attachState, type Dims } from '../engine/state.ts';
import type { WasmMemory } from '../engine/wasm-api.ts';
import { joinTeam } from '../engine/team.ts';

const { dims, memory, index } = workerData as { dims: Dims; memory: WasmMemory; index: number };
const s = attachState(dims, memory);
const work = workFor(s);
parentPort?.postMessage('ready');
joinTeam(s, index, work);
