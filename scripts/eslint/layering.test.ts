import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..');
// `ignore: false` lints the fixtures, which the project's own config leaves out of `npm run lint`.
const eslint = new ESLint({ cwd: root, ignore: false });

async function layeringMessages(file: string): Promise<string[]> {
  const [result] = await eslint.lintFiles([resolve(root, file)]);
  return result!.messages.filter((m) => m.ruleId === 'polder/layering').map((m) => m.message);
}

describe('the layering lint rule (npm run lint)', () => {
  it.each([
    ['renderer/fixtures/imports-node-fs.ts', /no Node built-ins/],
    ['renderer/fixtures/imports-native-store.ts', /may not import native/],
    ['renderer/fixtures/imports-contract-values.ts', /may only `import type` from native\/api/],
    ['simulation/engine/fixtures/imports-node-os.ts', /imports nothing outside itself/],
    ['simulation/engine/fixtures/imports-scenario.ts', /imports nothing outside itself/],
    ['native/fixtures/imports-electron.ts', /only electron\/ may import 'electron'/],
    ['native/fixtures/imports-renderer.ts', /never imports electron\/ or renderer\//],
  ])('refuses %s', async (file, why) => {
    const messages = await layeringMessages(file);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(why);
  });

  it('lets the renderer import types from the contract', async () => {
    expect(await layeringMessages('renderer/fixtures/imports-contract-types.ts')).toEqual([]);
  });
});
