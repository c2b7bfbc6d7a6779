// The engine as its own process: an Electron utility process (process.parentPort) or a Node
// child process forked with an IPC channel and 'advanced' serialization (process.send).
// The resources folder holding scenarios/ comes from POLDER_RESOURCES_DIR (the utility process
// host sets it: its argv layout is not Node's) or else argv[2] (the Node child-process host).
import { createEngineService } from './service.ts';
import { machineLoad } from './spare-threads.ts';

interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
const resourcesDir = process.env.POLDER_RESOURCES_DIR ?? process.argv[2];
if (!resourcesDir) throw new Error('the engine process needs the resources folder as its first argument');

const service = createEngineService({
  resourcesDir,
  machineLoad: machineLoad(),
  post: parentPort ? (event) => parentPort.postMessage(event) : (event) => process.send!(event),
});
if (parentPort) parentPort.on('message', (event) => service.handle(event.data));
else {
  process.on('message', (message: unknown) => service.handle(message));
  // the parent went away: nothing left to run for
  process.on('disconnect', () => process.exit(0));
}
