import type { WasmMemory } from '../../../wasm/index.js';
import type { LossName } from './loss.js';

/**
 * The words of the shared control array between the main thread and the helper thread
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
  JOB: 10,
  RESULT: 11,
  SCRATCH_AT: 12,
  NEXT: 13,
  /** 1 when a job threw in the helper (it still says DONE, so this thread never waits forever). */
  FAILED: 14,
} as const;
/** The control words, then one per feature: 1 when the helper summed it (column kernel). */
export const CONTROL_WORDS = 15;
/**
 * CONTROL.JOB: sum a histogram's features from FROM on (column kernel: the features it claims by
 * incrementing NEXT, each marked in its word after the control words); compute the gradients of rows
 * [START, END); or partition rows [START, END) on feature FROM at bin OUTPUT (missing values left
 * when COUNTS is 1), the right rows to scratch from SCRATCH_AT, RESULT the end of the left ones.
 */
export const JOB = { HISTOGRAM: 0, GRADIENTS: 1, PARTITION: 2 } as const;

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
  scratch: Uint32Array;
  gradients: Float32Array[];
  hessians: Float32Array[] | null;
  part: Float64Array;
  nFeatures: number;
  stride: number;
  /** For the gradients job: the labels, the raw scores and the loss. */
  y: Float64Array;
  raw: Float64Array;
  loss: { name: LossName; nOutputs: number };
}
