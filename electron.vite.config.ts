import { defineConfig } from 'electron-vite';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { rendererConfig } from './vite.renderer.config.ts';

const external = ['better-sqlite3', 'node-pty', 'mqtt', 'ws', 'geotiff', 'zod'];

const nodeEngineEntries = fileURLToPath(new URL('./simulation/host/entries.ts', import.meta.url));
const bundledEngineEntries = fileURLToPath(new URL('./electron/main/engine-entries.ts', import.meta.url));

/** Under Node the engine's entries are .ts files; in the bundle they are the .js files named below. */
const engineEntriesForBundle: Plugin = {
  name: 'polder-engine-entries',
  enforce: 'pre',
  async resolveId(source, importer, options) {
    const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
    return resolved?.id === nodeEngineEntries ? bundledEngineEntries : null;
  },
};

export default defineConfig({
  main: {
    plugins: [engineEntriesForBundle],
    build: {
      rollupOptions: {
        input: {
          index: 'electron/main/index.ts',
          // the services utility process: createApp, the engine's host and the terminals
          services: 'electron/services/index.ts',
          'engine-process': 'simulation/host/process-entry.ts',
          'engine-thread': 'simulation/host/worker-entry.ts',
          'team-worker': 'simulation/host/team-worker.ts',
          'member-worker': 'simulation/host/member-worker.ts',
        },
        // shared code stays beside the entries: engine-entries.ts resolves them from its own URL
        output: { entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
        external,
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload must be CommonJS.
      rollupOptions: { input: 'electron/preload/index.ts', output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    ...rendererConfig,
    build: { ...rendererConfig.build, rollupOptions: { input: 'renderer/index.html' } },
  },
});
