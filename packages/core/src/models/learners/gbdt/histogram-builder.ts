import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { buildHistogram, buildHistogramWithoutCounts, SLOTS } from './histogram.js';
import { CONTROL, CONTROL_WORDS, type HelperData } from './histogram-protocol.js';

/**
 * Builds node histograms, on two threads when the data are large: this thread sums the first
 * features, a helper thread the others into its own buffer (copied over); where the line falls
 * follows which thread finished first, so both keep busy however loaded the machine. Each cell
 * is still the sum of its rows in row order, so the model is the same bit for bit with one thread
 * or two. The helper is driven through shared memory with Atomics, so fitting stays synchronous.
 */
export interface HistogramBuilder {
  readonly threads: number;
  /** hist = the histogram of rows idx[start..end) for output k's gradients. */
  build(hist: Float64Array, start: number, end: number, k: number): void;
  close(): void;
}

/** Nodes with fewer rows are summed by this thread alone (waking the helper costs more). */
export const SPLIT_ROWS = 2048;
/** How long to wait for the helper to start before going on alone. */
const START_TIMEOUT_MS = 10_000;
const WORKER = new URL('./histogram-worker.js', import.meta.url);

/** Typed arrays over shared memory, for the buffers the helper reads. */
export function sharedArray<T extends Float32Array | Float64Array | Int32Array | Uint32Array | Uint8Array>(
  kind: { new (buffer: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number },
  length: number,
): T {
  return new kind(new SharedArrayBuffer(length * kind.BYTES_PER_ELEMENT));
}

export function createHistogramBuilder(
  data: Omit<HelperData, 'ctrl' | 'part'>,
  wantThreads: number,
): HistogramBuilder {
  const { bins, idx, gradients, hessians, nFeatures, stride } = data;
  const size = nFeatures * stride * 3;
  let worker: Worker | null = null;
  let ctrl: Int32Array | null = null;
  let part: Float64Array;
  if (
    wantThreads > 1 &&
    nFeatures > 1 &&
    bins.buffer instanceof SharedArrayBuffer &&
    existsSync(fileURLToPath(WORKER))
  ) {
    ctrl = sharedArray(Int32Array, CONTROL_WORDS);
    part = sharedArray(Float64Array, size);
    try {
      worker = new Worker(WORKER, { workerData: { ...data, ctrl, part } satisfies HelperData });
      worker.unref();
      // The helper starts on its own thread; this one may block meanwhile.
      if (
        Atomics.wait(ctrl, CONTROL.READY, 0, START_TIMEOUT_MS) === 'timed-out' &&
        ctrl[CONTROL.READY] !== 1
      ) {
        void worker.terminate();
        worker = null;
      }
    } catch {
      worker = null;
    }
  } else {
    part = new Float64Array(size);
  }
  let split = nFeatures >> 1;
  // A histogram of every training row has the same counts in every tree: kept from the first
  // one, they spare that pass a third of its updates (with constant hessians the counts are needed).
  const rows = gradients[0]!.length;
  let allRowCounts: Float64Array | null = null;
  const alone = (
    hist: Float64Array,
    start: number,
    end: number,
    k: number,
    from: number,
    to: number,
    counts: boolean,
  ) =>
    counts || !hessians
      ? buildHistogram(
          hist,
          bins,
          nFeatures,
          stride,
          idx,
          start,
          end,
          gradients[k]!,
          hessians ? hessians[k]! : null,
          from,
          to,
        )
      : buildHistogramWithoutCounts(
          hist,
          bins,
          nFeatures,
          stride,
          idx,
          start,
          end,
          gradients[k]!,
          hessians[k]!,
          from,
          to,
        );
  const share = (hist: Float64Array, start: number, end: number, k: number, counts: boolean) => {
    if (!worker || !ctrl || end - start < SPLIT_ROWS) {
      alone(hist, start, end, k, 0, nFeatures, counts);
      return;
    }
    const from = split;
    ctrl[CONTROL.START] = start;
    ctrl[CONTROL.END] = end;
    ctrl[CONTROL.OUTPUT] = k;
    ctrl[CONTROL.FROM] = from;
    ctrl[CONTROL.COUNTS] = counts ? 1 : 0;
    const seq = ctrl[CONTROL.SEQ]! + 1;
    Atomics.store(ctrl, CONTROL.SEQ, seq);
    Atomics.notify(ctrl, CONTROL.SEQ);
    alone(hist, start, end, k, 0, from, counts);
    // The helper done first: it takes one more feature next time; else one fewer.
    if (Atomics.load(ctrl, CONTROL.DONE) === seq) split = Math.max(1, split - 1);
    else {
      split = Math.min(nFeatures - 1, split + 1);
      for (let done = Atomics.load(ctrl, CONTROL.DONE); done !== seq; done = Atomics.load(ctrl, CONTROL.DONE))
        Atomics.wait(ctrl, CONTROL.DONE, done);
    }
    hist.set(part.subarray(from * stride * SLOTS, size), from * stride * SLOTS);
  };
  return {
    threads: worker ? 2 : 1,
    build(hist, start, end, k) {
      const allRows = hessians !== null && end - start === rows;
      share(hist, start, end, k, !(allRows && allRowCounts));
      if (!allRows) return;
      if (allRowCounts) for (let i = 0, c = 2; c < size; i++, c += SLOTS) hist[c] = allRowCounts[i]!;
      else allRowCounts = Float64Array.from({ length: size / SLOTS }, (_, i) => hist[i * SLOTS + 2]!);
    },
    close() {
      if (worker && ctrl) {
        Atomics.store(ctrl, CONTROL.STOP, 1);
        Atomics.add(ctrl, CONTROL.SEQ, 1);
        Atomics.notify(ctrl, CONTROL.SEQ);
        worker = null;
      }
    },
  };
}
