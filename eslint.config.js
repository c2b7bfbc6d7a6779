import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { layeringRule } from './scripts/eslint/layering.js';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '**/fixtures/**', 'test-results/**', 'playwright-report/**', 'e2e/artifacts/**', '.tools/**', 'simulation/engine/wasm/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { polder: { rules: { layering: layeringRule } } },
    rules: {
      'polder/layering': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
