// The engine as a worker thread (Node): messages from the parent are HostRequests.
import { parentPort, workerData } from 'node:worker_threads';
import { createEngineService } from './service.ts';

const port = parentPort!;
const service = createEngineService({
  resourcesDir: (workerData as { resourcesDir: string }).resourcesDir,
  post: (event, transfer) => port.postMessage(event, transfer),
});
port.on('message', (message: unknown) => service.handle(message));
