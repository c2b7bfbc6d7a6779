import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { layers } from './layering.js';

const root = resolve(import.meta.dirname, '..', '..');
// `ignore: false` lints the fixtures, which the project's own config leaves out of `npm run lint`.
const eslint = new ESLint({ cwd: root, ignore: false });

async function messages(file: string, rule: string): Promise<string[]> {
  const [result] = await eslint.lintFiles([resolve(root, file)]);
  expect(result!.messages.filter((m) => m.fatal)).toEqual([]);
  return result!.messages.filter((m) => m.ruleId === `polder/${rule}`).map((m) => m.message);
}

describe('the layering allow-list (npm run lint)', () => {
  it.each([
    // The four holes the allow-list closes.
    ['renderer/fixtures/imports-better-sqlite3.ts', /renderer\/ may not import the package 'better-sqlite3'/],
    ['renderer/fixtures/imports-ws.ts', /renderer\/ may not import the package 'ws'/],
    ['renderer/fixtures/imports-native-by-template.ts', /renderer\/ may not import native\/store\/open.ts/],
    ['simulation/scenario/fixtures/imports-native-ops.ts', /simulation\/scenario may not import native\/ops\/permissions.ts \(simulation\/ never imports native\/\)/],
    ['electron/preload/fixtures/imports-native-ops.ts', /electron\/preload may not import native\/ops\/permissions.ts/],
    // Every other rule of the table.
    ['renderer/fixtures/imports-computed-path.ts', /import path is computed/],
    ['renderer/fixtures/imports-node-fs.ts', /renderer\/ may not import Node built-ins \('node:fs'\)/],
    ['renderer/fixtures/imports-native-store.ts', /renderer\/ may not import native\/store\/open.ts/],
    ['renderer/fixtures/imports-simulation-values.ts', /renderer\/ may only `import type` from simulation\/host\/run.ts/],
    ['electron/preload/fixtures/imports-contract-values.ts', /electron\/preload may only `import type` from native\/api\/index.ts/],
    ['native/api/fixtures/imports-node-fs.ts', /native\/api may not import Node built-ins .*the contract is pure/],
    ['native/api/fixtures/imports-native-ops.ts', /native\/api may not import native\/ops\/core.ts/],
    ['simulation/engine/fixtures/imports-node-os.ts', /simulation\/engine may not import Node built-ins .*imports nothing outside itself/],
    ['simulation/engine/fixtures/imports-scenario.ts', /simulation\/engine may not import simulation\/scenario\//],
    ['simulation/host/fixtures/imports-native-clock.ts', /simulation\/host may not import native\/clock\/clock.ts \(simulation\/ never imports native\/\)/],
    ['native/fixtures/imports-electron.ts', /only electron\/ may import 'electron'/],
    ['native/fixtures/imports-renderer.ts', /native\/ \(the composition root\) may not import renderer\//],
    ['native/unlisted/fixtures/anything.ts', /native\/unlisted\/anything.ts is in no folder of the layering table/],
  ])('refuses %s', async (file, why) => {
    const found = await messages(file, 'layering');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(why);
  });

  it.each(['renderer/fixtures/imports-contract-types.ts', 'renderer/fixtures/imports-contract-values.ts', 'electron/preload/fixtures/imports-contract-types.ts'])('allows %s', async (file) => {
    expect(await messages(file, 'layering')).toEqual([]);
  });

  it('lists each folder once, narrower rows before the wider ones that contain them', () => {
    const patterns = layers.map((l) => l.files);
    expect(new Set(patterns).size).toBe(patterns.length);
    patterns.forEach((p, i) => {
      const wider = patterns.slice(0, i).find((q) => q.endsWith('/**') && p.startsWith(q.slice(0, -2)));
      expect(wider, `${p} is shadowed by ${wider}`).toBeUndefined();
    });
  });
});

describe('the wall-clock rule', () => {
  it.each([
    ['native/fixtures/reads-date-now.ts', 'Date.now'],
    ['native/fixtures/reads-new-date.ts', 'new Date()'],
    ['native/fixtures/reads-performance-now.ts', 'performance.now'],
  ])('refuses %s', async (file, what) => {
    expect(await messages(file, 'wall-clock')).toEqual([`${what} reads the wall clock: take the time from an injected Clock (native/clock) instead`]);
  });

  it('allows formatting a time the clock gave, and the clock module itself', async () => {
    expect(await messages('native/fixtures/formats-a-given-time.ts', 'wall-clock')).toEqual([]);
    expect(await messages('native/clock/clock.ts', 'wall-clock')).toEqual([]);
  });
});

describe('the module-state rule', () => {
  it('refuses a module-level let', async () => {
    expect(await messages('native/fixtures/module-let.ts', 'module-state')).toEqual([expect.stringMatching(/^module-level `let` is shared mutable state/)]);
  });

  it('refuses mutating a module-level map, array or object', async () => {
    expect(await messages('native/fixtures/module-map-mutated.ts', 'module-state')).toEqual([expect.stringMatching(/calls \.set\(\) on the module-level `sessions`/)]);
    expect(await messages('native/fixtures/module-array-mutated.ts', 'module-state')).toEqual([
      expect.stringMatching(/calls \.push\(\) on the module-level `seen`/),
      expect.stringMatching(/assigns a property of the module-level `registry`/),
    ]);
  });

  it('allows module-level constants that are only read, and local state', async () => {
    expect(await messages('native/fixtures/module-constants.ts', 'module-state')).toEqual([]);
  });
});
