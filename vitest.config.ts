import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{native,simulation,electron,renderer,scripts}/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/fixtures/**'],
    testTimeout: 60_000,
    pool: 'forks',
  },
});
