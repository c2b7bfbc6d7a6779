// The checked-in kernel module is what the AssemblyScript source compiles to: an edit to
// simulation/engine/wasm/inertial.ts without `node scripts/build-wasm.ts` fails here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileKernel, generatedModule, moduleText } from './build-wasm.ts';

// (the Node typings here leave out the WebAssembly global)
const { WebAssembly } = globalThis as unknown as {
  WebAssembly: {
    Module: {
      new (bytes: Uint8Array): object;
      imports(module: object): { module: string; name: string; kind: string }[];
      exports(module: object): { name: string; kind: string }[];
    };
  };
};

/** The ids of a module's sections (6 = globals, 11 = data). */
function sectionIds(bytes: Uint8Array): number[] {
  const ids: number[] = [];
  let at = 8;
  while (at < bytes.length) {
    ids.push(bytes[at++]!);
    let size = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = bytes[at++]!;
      size += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) break;
    }
    at += size;
  }
  return ids;
}

describe('build-wasm', () => {
  it('the checked-in simulation/engine/inertial-wasm.ts matches a fresh build of wasm/inertial.ts', () => {
    const bytes = compileKernel();
    // a kernel with data segments or globals would re-initialise them over the shared memory
    // whenever another thread instantiates it
    const ids = sectionIds(bytes);
    expect(ids).toContain(10); // code
    expect(ids).not.toContain(6);
    expect(ids).not.toContain(11);
    const module = new WebAssembly.Module(bytes);
    expect(WebAssembly.Module.imports(module)).toEqual([{ module: 'env', name: 'memory', kind: 'memory' }]);
    expect(WebAssembly.Module.exports(module).map((e) => e.name).sort()).toEqual(['flux', 'hllFluxLimit', 'hllUpdate', 'update']);
    expect(readFileSync(generatedModule, 'utf8')).toBe(moduleText(bytes));
  });
});
