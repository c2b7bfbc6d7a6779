import { fileURLToPath } from 'node:url';

/** The repository's folders, for the CLI and serve mode (the packaged desktop app passes its own). */
export const repoPaths = {
  resources: fileURLToPath(new URL('../resources', import.meta.url)),
  renderer: fileURLToPath(new URL('../out/renderer', import.meta.url)),
  /** The `polder` CLI's entry script. */
  cli: fileURLToPath(new URL('../bin/polder.js', import.meta.url)),
};
