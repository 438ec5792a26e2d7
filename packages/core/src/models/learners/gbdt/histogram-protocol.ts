/**
 * The words of the shared control array between the main thread and the histogram helper
 * (COUNTS: 0 when the job's counts are known and not summed).
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
} as const;
export const CONTROL_WORDS = 9;

/** What the helper thread gets at start: views over shared memory. */
export interface HelperData {
  ctrl: Int32Array;
  bins: Uint8Array;
  idx: Uint32Array;
  gradients: Float32Array[];
  hessians: Float32Array[] | null;
  part: Float64Array;
  nFeatures: number;
  stride: number;
}
