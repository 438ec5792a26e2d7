import type { WasmMemory } from './histogram-wasm.js';

/**
 * The words of the shared control array between the main thread and the histogram helper
 * (COUNTS: 0 when the job's counts are known and not summed; COLUMNS: 1 for the column kernel).
 */
export const CONTROL = {
  SEQ: 0,
  DONE: 1,
  START: 2,
  END: 3,
  OUTPUT: 4,
  READY: 5,
  STOP: 6,
  FROM: 7,
  COUNTS: 8,
  COLUMNS: 9,
} as const;
export const CONTROL_WORDS = 10;

/**
 * What the helper thread gets at start: views over shared memory (over `memory` when the
 * WebAssembly kernel is used, which the helper then instantiates over the same memory).
 */
export interface HelperData {
  ctrl: Int32Array;
  memory: WasmMemory | null;
  bins: Uint8Array;
  columns: Uint8Array;
  ordered: Float64Array | null;
  idx: Uint32Array;
  gradients: Float32Array[];
  hessians: Float32Array[] | null;
  part: Float64Array;
  nFeatures: number;
  stride: number;
}
