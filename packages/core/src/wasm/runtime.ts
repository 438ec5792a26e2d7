/** A WebAssembly memory: the part of the API used here. */
export interface WasmMemory {
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
}

/**
 * The part of the WebAssembly API Vigie's kernels use (the TypeScript libs of the project, ES2023
 * and Node 20's, do not declare WebAssembly).
 */
export interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports?: object) => { exports: Record<string, unknown> };
}

/** The runtime's WebAssembly, or undefined where there is none (kernels then fall back to JavaScript). */
export function webAssembly(): WasmApi | undefined {
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  return typeof api === 'object' ? api : undefined;
}

/** The exports of a fresh instance of a kernel module, or null where it cannot run. */
export type KernelInstantiator = () => Record<string, unknown> | null;

/**
 * Instances of a module whose bytes `moduleBytes` writes: the module is validated and compiled on
 * first use (it is immutable, so one serves every caller), then each call makes an instance with
 * memory of its own. Null where there is no WebAssembly or the runtime refuses the module (SIMD).
 */
export function kernelInstantiator(moduleBytes: () => Uint8Array): KernelInstantiator {
  let compiled: object | null | undefined;
  return () => {
    const wasm = webAssembly();
    if (wasm === undefined) return null;
    if (compiled === undefined) {
      const bytes = moduleBytes();
      compiled = wasm.validate(bytes) ? new wasm.Module(bytes) : null;
    }
    return compiled === null ? null : new wasm.Instance(compiled).exports;
  };
}
