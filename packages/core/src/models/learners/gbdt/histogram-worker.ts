/**
 * The helper thread of HistogramBuilder (histogram-builder.ts): waits on the shared control
 * words, sums the features from FROM on over the given row range into the shared `part` buffer
 * (or computes the gradients of the given rows), and says so. Everything it reads (bins, row order, gradients) is in shared memory.
 */
import { workerData } from 'node:worker_threads';
import { buildHistogram, buildHistogramWithoutCounts } from './histogram.js';
import { CONTROL, CONTROL_WORDS, type HelperData, JOB } from './histogram-protocol.js';
import { wasmHistogramKernel } from './histogram-wasm.js';
import { lossNamed } from './loss.js';
import { lossGradients } from './loss-gradients.js';

const data = workerData as HelperData;
const ctrl = data.ctrl;
const kernel = data.memory ? wasmHistogramKernel(data.memory) : null;
const loss = lossNamed(data.loss.name, data.loss.nOutputs);
const gradientsOf = lossGradients(loss, data, kernel);
Atomics.store(ctrl, CONTROL.READY, 1);
Atomics.notify(ctrl, CONTROL.READY);
let seen = 0;
for (;;) {
  Atomics.wait(ctrl, CONTROL.SEQ, seen);
  seen = Atomics.load(ctrl, CONTROL.SEQ);
  if (Atomics.load(ctrl, CONTROL.STOP) === 1) break;
  try {
    run();
  } catch {
    ctrl[CONTROL.FAILED] = 1;
  }
  Atomics.store(ctrl, CONTROL.DONE, seen);
  Atomics.notify(ctrl, CONTROL.DONE);
}

/** The job in the control words. */
function run(): void {
  const k = ctrl[CONTROL.OUTPUT]!;
  const start = ctrl[CONTROL.START]!;
  const end = ctrl[CONTROL.END]!;
  if (ctrl[CONTROL.JOB] === JOB.PARTITION && kernel) {
    const n = data.idx.length;
    const j = ctrl[CONTROL.FROM]!;
    ctrl[CONTROL.RESULT] = kernel.partition(
      data.idx,
      data.scratch.subarray(ctrl[CONTROL.SCRATCH_AT]!),
      data.columns.subarray(j * n, (j + 1) * n),
      start,
      end,
      ctrl[CONTROL.OUTPUT]!,
      data.stride - 1,
      ctrl[CONTROL.COUNTS] === 1,
    );
    return;
  }
  if (ctrl[CONTROL.JOB] === JOB.GRADIENTS) {
    gradientsOf(start, end);
    return;
  }
  const from = ctrl[CONTROL.FROM]!;
  const counts = ctrl[CONTROL.COUNTS] === 1;
  const { part, bins, nFeatures: f, stride, idx } = data;
  const gradient = data.gradients[k]!;
  const hessian = data.hessians ? data.hessians[k]! : null;
  if (kernel && data.ordered && ctrl[CONTROL.COLUMNS] === 1)
    for (let j = Atomics.add(ctrl, CONTROL.NEXT, 1); j < f; j = Atomics.add(ctrl, CONTROL.NEXT, 1)) {
      kernel.buildColumns(
        part,
        data.columns,
        idx.length,
        stride,
        idx,
        start,
        end,
        data.ordered,
        !!hessian,
        j,
        j + 1,
      );
      ctrl[CONTROL_WORDS + j] = 1;
    }
  else if (kernel) kernel.build(part, bins, f, stride, idx, start, end, gradient, hessian, from, f, counts);
  else if (!counts && hessian)
    buildHistogramWithoutCounts(part, bins, f, stride, idx, start, end, gradient, hessian, from, f);
  else buildHistogram(part, bins, f, stride, idx, start, end, gradient, hessian, from, f);
}
