// The engine as a worker thread (Node): messages from the parent are HostRequests.
import { parentPort, workerData } from 'node:worker_threads';
import { createEngineService } from './service.ts';
import { machineLoad } from './spare-threads.ts';

const port = parentPort!;
const service = createEngineService({
  resourcesDir: (workerData as { resourcesDir: string }).resourcesDir,
  machineLoad: machineLoad(),
  post: (event, transfer) => port.postMessage(event, transfer),
});
port.on('message', (message: unknown) => service.handle(message));
