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
