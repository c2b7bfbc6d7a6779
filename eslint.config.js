import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { layeringRule } from './scripts/eslint/layering.js';
import { moduleStateRule } from './scripts/eslint/module-state.js';
import { wallClockRule } from './scripts/eslint/wall-clock.js';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '**/fixtures/**', 'test-results/**', 'playwright-report/**', 'e2e/artifacts/**', '.tools/**', 'simulation/engine/wasm/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { polder: { rules: { layering: layeringRule, 'wall-clock': wallClockRule, 'module-state': moduleStateRule } } },
    rules: {
      'polder/layering': 'error',
      'polder/wall-clock': 'error',
      'polder/module-state': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // Benchmarks and end-to-end tests measure and drive a real host in real time; scripts, configs
    // and test files run once per process, where module-level setup (vitest's beforeAll) is the norm.
    files: ['scripts/**', 'e2e/**', '*.{js,ts}'],
    rules: { 'polder/wall-clock': 'off', 'polder/module-state': 'off' },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx'],
    rules: { 'polder/module-state': 'off' },
  },
  {
    files: ['**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
