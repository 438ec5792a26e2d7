export * from './encoding.js';
export { type WasmApi, type WasmMemory, webAssembly } from './runtime.js';
