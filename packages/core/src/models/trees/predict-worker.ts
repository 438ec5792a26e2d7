/**
 * A helper thread of CompiledEnsemble.predictRaw (tree-predict.ts): compiles the ensemble it is
 * given, predicts its share of the rows (shared memory) into the shared output, and raises the
 * done word (1, or 2 if it failed: the caller then predicts those rows itself).
 */
import { workerData } from 'node:worker_threads';
import { compileEnsemble, type PredictShare } from './tree-predict.js';

const share = workerData as PredictShare;
Atomics.store(share.ctrl, 1, 1);
Atomics.notify(share.ctrl, 1);
try {
  const out = compileEnsemble(share.ensemble, { threads: 1 }).predictRaw({
    data: share.data,
    rows: share.rows,
    cols: share.ensemble.nFeatures,
  });
  share.out.set(out);
  Atomics.store(share.ctrl, 0, 1);
} catch {
  Atomics.store(share.ctrl, 0, 2);
}
Atomics.notify(share.ctrl, 0);
