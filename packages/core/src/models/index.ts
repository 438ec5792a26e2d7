export type { ModelRuntime, ModelSignature, Predictions, SignatureField, Task } from './runtime.js';
export * from './search/index.js';
