// The engine as its own process: an Electron utility process (process.parentPort) or a Node
// child process forked with an IPC channel and 'advanced' serialization (process.send).
// argv[2] is the resources folder holding scenarios/.
import { createEngineService } from './service.ts';

interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
const resourcesDir = process.argv[2] ?? process.env.POLDER_RESOURCES_DIR;
if (!resourcesDir) throw new Error('the engine process needs the resources folder as its first argument');

const service = createEngineService({
  resourcesDir,
  post: parentPort ? (event) => parentPort.postMessage(event) : (event) => process.send!(event),
});
if (parentPort) parentPort.on('message', (event) => service.handle(event.data));
else {
  process.on('message', (message: unknown) => service.handle(message));
  // the parent went away: nothing left to run for
  process.on('disconnect', () => process.exit(0));
}
