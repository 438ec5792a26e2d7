export * from './encoding.js';
export {
  type KernelInstantiator,
  kernelInstantiator,
  type WasmApi,
  type WasmMemory,
  webAssembly,
} from './runtime.js';
