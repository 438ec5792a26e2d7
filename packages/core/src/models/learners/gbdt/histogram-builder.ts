import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { VigieError } from '../../../errors/index.js';
import { buildHistogram, buildHistogramWithoutCounts, SLOTS } from './histogram.js';
import type { HistogramData } from './histogram-memory.js';
import { CONTROL, CONTROL_WORDS, type HelperData, JOB } from './histogram-protocol.js';
import type { Loss } from './loss.js';
import { lossGradients } from './loss-gradients.js';

/**
 * Builds node histograms (and computes gradients and row partitions), with the WebAssembly
 * kernels when the data live in their memory (else the JavaScript ones; the same sums either way),
 * on two threads when the data are large: this thread sums the first features, a helper thread the
 * others into its own buffer (copied over); where the line falls follows which thread finished
 * first, so both keep busy however loaded the machine (column passes: each thread claims the next
 * feature). Gradients and large partitions are split by rows the same way. Each cell is still the
 * sum of its rows in row order, so the model is the same bit for bit with one thread or two. The
 * helper is driven through shared memory with Atomics, so fitting stays synchronous.
 */
export interface HistogramBuilder {
  readonly threads: number;
  /** hist = the histogram of rows idx[start..end) for output k's gradients. */
  build(hist: Float64Array, start: number, end: number, k: number): void;
  /** The gradients and hessians of every row from the raw scores (the rows shared with the helper). */
  gradients(): void;
  /**
   * The WebAssembly row partition of a numeric split (grower.ts's GrowBuffers.partitionNumeric),
   * a large node's two halves partitioned by the two threads and joined (the same stable order);
   * null without the kernel.
   */
  readonly partitionNumeric:
    | ((j: number, start: number, end: number, bin: number, missingLeft: boolean) => number)
    | null;
  close(): void;
}

/** Nodes with fewer rows are summed by this thread alone (waking the helper costs more). */
export const SPLIT_ROWS = 2048;
/** Nodes with fewer rows are partitioned by this thread alone. */
const SPLIT_PARTITION_ROWS = 16_384;
/**
 * Nodes with less than a quarter of the rows, but at least 1/64 of them, are summed by the column
 * kernel (see histogram-wasm.ts): denser nodes read row-major bins nearly in sequence, and in
 * sparser ones each row would cost a cache line per feature. Measured on 1M × 20: a node of 1/8
 * to 1/16 of the rows in 40–70 ns per row against 105–160.
 */
const COLUMNS_BELOW = 4;
const COLUMNS_ABOVE = 64;
/** How long to wait for the helper to start before going on alone. */
const START_TIMEOUT_MS = 10_000;
const WORKER = new URL('./histogram-worker.js', import.meta.url);

/** Typed arrays over shared memory. */
function sharedArray<T extends Int32Array>(
  kind: { new (buffer: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number },
  length: number,
): T {
  return new kind(new SharedArrayBuffer(length * kind.BYTES_PER_ELEMENT));
}

export function createHistogramBuilder(
  data: HistogramData,
  wantThreads: number,
  loss: Loss,
): HistogramBuilder {
  const { bins, columns, idx, gradients, hessians, nFeatures, stride, kernel, out, ordered, part } = data;
  const size = nFeatures * stride * SLOTS;
  let worker: Worker | null = null;
  let ctrl: Int32Array | null = null;
  if (
    wantThreads > 1 &&
    nFeatures > 1 &&
    bins.buffer instanceof SharedArrayBuffer &&
    existsSync(fileURLToPath(WORKER))
  ) {
    ctrl = sharedArray(Int32Array, CONTROL_WORDS + nFeatures);
    const helperData: HelperData = {
      ctrl,
      memory: kernel ? kernel.memory : null,
      bins,
      columns,
      ordered,
      idx,
      scratch: data.scratch,
      gradients,
      hessians,
      part,
      nFeatures,
      stride,
      y: data.y,
      raw: data.raw,
      loss: { name: loss.name, nOutputs: loss.nOutputs },
    };
    try {
      worker = new Worker(WORKER, { workerData: helperData });
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
  }
  const split = [nFeatures >> 1, nFeatures >> 1, nFeatures >> 1];
  // A histogram of every training row has the same counts in every tree: kept from the first
  // one, they spare that pass a third of its updates (with constant hessians the counts are needed).
  const rows = gradients[0]!.length;
  let allRowCounts: Float64Array | null = null;
  const step = stride * SLOTS;
  const alone = (
    hist: Float64Array,
    start: number,
    end: number,
    k: number,
    from: number,
    to: number,
    counts: boolean,
    byColumns: boolean,
  ) => {
    const gradient = gradients[k]!;
    const hessian = hessians ? hessians[k]! : null;
    if (kernel && out && ordered && byColumns) {
      kernel.buildColumns(out, columns, rows, stride, idx, start, end, ordered, !!hessian, from, to);
      hist.set(out.subarray(from * step, to * step), from * step);
    } else if (kernel && out) {
      kernel.build(out, bins, nFeatures, stride, idx, start, end, gradient, hessian, from, to, counts);
      hist.set(out.subarray(from * step, to * step), from * step);
    } else if (!counts && hessian)
      buildHistogramWithoutCounts(
        hist,
        bins,
        nFeatures,
        stride,
        idx,
        start,
        end,
        gradient,
        hessian,
        from,
        to,
      );
    else buildHistogram(hist, bins, nFeatures, stride, idx, start, end, gradient, hessian, from, to);
  };
  /** Starts the job set in the control words; its number. */
  const post = (control: Int32Array, job: number): number => {
    control[CONTROL.JOB] = job;
    const seq = control[CONTROL.SEQ]! + 1;
    Atomics.store(control, CONTROL.SEQ, seq);
    Atomics.notify(control, CONTROL.SEQ);
    return seq;
  };
  /** Waits for job `seq`; whether the helper had finished it already. */
  const finish = (control: Int32Array, seq: number): boolean => {
    const first = Atomics.load(control, CONTROL.DONE) === seq;
    for (
      let done = Atomics.load(control, CONTROL.DONE);
      done !== seq;
      done = Atomics.load(control, CONTROL.DONE)
    )
      Atomics.wait(control, CONTROL.DONE, done);
    if (control[CONTROL.FAILED] === 1)
      throw new VigieError('INTERNAL', 'gradient boosting: the helper thread failed during the fit');
    return first;
  };
  const share = (hist: Float64Array, start: number, end: number, k: number, counts: boolean) => {
    const m = end - start;
    const byColumns = ordered !== null && m * COLUMNS_BELOW < rows && m * COLUMNS_ABOVE >= rows;
    if (byColumns && kernel)
      kernel.gather(ordered, idx, start, end, gradients[k]!, hessians ? hessians[k]! : null);
    if (!worker || !ctrl || end - start < SPLIT_ROWS) {
      alone(hist, start, end, k, 0, nFeatures, counts, byColumns);
      return;
    }
    // Row-major passes: features [0, from) here, the others by the helper, the line following
    // which thread finished first (one line for each kind of node, whose costs differ).
    const kind = m === rows ? 0 : m * COLUMNS_BELOW >= rows ? 1 : 2;
    const from = byColumns ? nFeatures : split[kind]!;
    ctrl[CONTROL.START] = start;
    ctrl[CONTROL.END] = end;
    ctrl[CONTROL.OUTPUT] = k;
    ctrl[CONTROL.FROM] = from;
    ctrl[CONTROL.COUNTS] = counts ? 1 : 0;
    ctrl[CONTROL.COLUMNS] = byColumns ? 1 : 0;
    if (byColumns) {
      // Column passes are a feature each: both threads claim the next feature until none is left.
      ctrl.fill(0, CONTROL_WORDS);
      Atomics.store(ctrl, CONTROL.NEXT, 0);
      const seq = post(ctrl, JOB.HISTOGRAM);
      for (let j = Atomics.add(ctrl, CONTROL.NEXT, 1); j < nFeatures; j = Atomics.add(ctrl, CONTROL.NEXT, 1))
        alone(hist, start, end, k, j, j + 1, counts, true);
      finish(ctrl, seq);
      for (let j = 0; j < nFeatures; j++)
        if (ctrl[CONTROL_WORDS + j] === 1) hist.set(part.subarray(j * step, (j + 1) * step), j * step);
      return;
    }
    const seq = post(ctrl, JOB.HISTOGRAM);
    alone(hist, start, end, k, 0, from, counts, false);
    // The helper done first: it takes one more feature next time; else one fewer.
    split[kind] = finish(ctrl, seq) ? Math.max(1, from - 1) : Math.min(nFeatures - 1, from + 1);
    hist.set(part.subarray(from * step, size), from * step);
  };
  // Gradients: this thread computes rows [0, rowSplit), the helper the rest; the line moves as
  // for the features. Each row's gradient is the same whoever computes it.
  const rowStep = Math.max(1, rows >> 6);
  let rowSplit = rows >> 1;
  const gradientsOf = lossGradients(loss, data, kernel);
  const computeGradients = () => {
    if (!worker || !ctrl) {
      gradientsOf(0, rows);
      return;
    }
    const mid = rowSplit;
    ctrl[CONTROL.START] = mid;
    ctrl[CONTROL.END] = rows;
    const seq = post(ctrl, JOB.GRADIENTS);
    gradientsOf(0, mid);
    rowSplit = finish(ctrl, seq) ? Math.max(rowStep, mid - rowStep) : Math.min(rows - rowStep, mid + rowStep);
  };
  const { scratch } = data;
  const missingBin = stride - 1;
  let partitionShare = 0.5;
  const partitionNumeric = (j: number, start: number, end: number, bin: number, missingLeft: boolean) => {
    const k = kernel!;
    const column = columns.subarray(j * rows, (j + 1) * rows);
    if (!worker || !ctrl || end - start < SPLIT_PARTITION_ROWS) {
      const nl = k.partition(idx, scratch, column, start, end, bin, missingBin, missingLeft);
      idx.set(scratch.subarray(0, end - nl), nl);
      return nl;
    }
    // This thread partitions [start, mid), the helper [mid, end) with its right rows in scratch
    // from mid − start; then left₁ left₂ right₁ right₂ is the stable partition of the whole. The
    // share of this thread follows which finished first, as for the features.
    const mid = start + Math.round((end - start) * partitionShare);
    ctrl[CONTROL.START] = mid;
    ctrl[CONTROL.END] = end;
    ctrl[CONTROL.FROM] = j;
    ctrl[CONTROL.OUTPUT] = bin;
    ctrl[CONTROL.COUNTS] = missingLeft ? 1 : 0;
    ctrl[CONTROL.SCRATCH_AT] = mid - start;
    const seq = post(ctrl, JOB.PARTITION);
    const nl1 = k.partition(idx, scratch, column, start, mid, bin, missingBin, missingLeft);
    partitionShare = finish(ctrl, seq)
      ? Math.max(0.1, partitionShare - 1 / 32)
      : Math.min(0.9, partitionShare + 1 / 32);
    const nl2 = ctrl[CONTROL.RESULT]!;
    const left2 = nl2 - mid;
    idx.copyWithin(nl1, mid, nl2);
    idx.set(scratch.subarray(0, mid - nl1), nl1 + left2);
    idx.set(scratch.subarray(mid - start, mid - start + end - nl2), nl2);
    return nl1 + left2;
  };
  return {
    threads: worker ? 2 : 1,
    partitionNumeric: kernel ? partitionNumeric : null,
    build(hist, start, end, k) {
      const allRows = hessians !== null && end - start === rows;
      share(hist, start, end, k, !(allRows && allRowCounts));
      if (!allRows) return;
      if (allRowCounts) for (let i = 0, c = 2; c < size; i++, c += SLOTS) hist[c] = allRowCounts[i]!;
      else allRowCounts = Float64Array.from({ length: size / SLOTS }, (_, i) => hist[i * SLOTS + 2]!);
    },
    gradients: computeGradients,
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
