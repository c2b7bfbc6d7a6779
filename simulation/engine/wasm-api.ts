// The few JavaScript globals the engine needs beyond ES2023 (WebAssembly, atob), typed here: the
// engine's own lib has neither DOM nor Node typings, and it must not depend on either.

/** A WebAssembly.Memory; the engine's are always shared, so their buffer is a SharedArrayBuffer. */
export interface WasmMemory {
  readonly buffer: ArrayBufferLike;
}

interface WasmGlobals {
  WebAssembly: {
    Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
    Module: new (bytes: Uint8Array) => object;
    Instance: new (module: object, imports: Record<string, Record<string, unknown>>) => { exports: Record<string, unknown> };
  };
  atob(base64: string): string;
}

const globals = globalThis as unknown as WasmGlobals;

export const PAGE_BYTES = 65536;

export function sharedMemory(bytes: number): WasmMemory {
  const pages = Math.ceil(bytes / PAGE_BYTES);
  return new globals.WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
}

/** Compiles `base64` and instantiates it over `memory` (imported as env.memory); its exports. */
export function instantiate(base64: string, memory: WasmMemory): Record<string, unknown> {
  const text = globals.atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let k = 0; k < text.length; k++) bytes[k] = text.charCodeAt(k);
  const module = new globals.WebAssembly.Module(bytes);
  return new globals.WebAssembly.Instance(module, { env: { memory } }).exports;
}
