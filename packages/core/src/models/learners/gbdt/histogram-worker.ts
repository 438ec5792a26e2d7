/**
 * The helper thread of HistogramBuilder (histogram-builder.ts): waits on the shared control
 * words, sums the features from FROM on over the given row range into the shared `part` buffer,
 * and says so. Everything it reads (bins, row order, gradients) is in shared memory.
 */
import { workerData } from 'node:worker_threads';
import { buildHistogram, buildHistogramWithoutCounts } from './histogram.js';
import { CONTROL, type HelperData } from './histogram-protocol.js';

const data = workerData as HelperData;
const ctrl = data.ctrl;
Atomics.store(ctrl, CONTROL.READY, 1);
Atomics.notify(ctrl, CONTROL.READY);
let seen = 0;
for (;;) {
  Atomics.wait(ctrl, CONTROL.SEQ, seen);
  seen = Atomics.load(ctrl, CONTROL.SEQ);
  if (Atomics.load(ctrl, CONTROL.STOP) === 1) break;
  const k = ctrl[CONTROL.OUTPUT]!;
  const start = ctrl[CONTROL.START]!;
  const end = ctrl[CONTROL.END]!;
  const from = ctrl[CONTROL.FROM]!;
  const { part, bins, nFeatures: f, stride, idx } = data;
  if (ctrl[CONTROL.COUNTS] === 0 && data.hessians)
    buildHistogramWithoutCounts(
      part,
      bins,
      f,
      stride,
      idx,
      start,
      end,
      data.gradients[k]!,
      data.hessians[k]!,
      from,
      f,
    );
  else
    buildHistogram(
      part,
      bins,
      f,
      stride,
      idx,
      start,
      end,
      data.gradients[k]!,
      data.hessians ? data.hessians[k]! : null,
      from,
      f,
    );
  Atomics.store(ctrl, CONTROL.DONE, seen);
  Atomics.notify(ctrl, CONTROL.DONE);
}
