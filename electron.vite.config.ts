import { defineConfig } from 'electron-vite';
import { rendererConfig } from './vite.renderer.config.ts';

const external = ['better-sqlite3', 'node-pty', 'mqtt', 'ws', 'geotiff', 'zod'];

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: { input: 'electron/main/index.ts', external },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload must be CommonJS.
      rollupOptions: { input: 'electron/preload/index.ts', output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    ...rendererConfig,
    build: { ...rendererConfig.build, rollupOptions: { input: 'renderer/index.html' } },
  },
});
