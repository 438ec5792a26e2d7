import type { HistogramData } from './histogram-memory.js';
import type { WasmHistogramKernel } from './histogram-wasm.js';
import type { Loss } from './loss.js';

/** The loss's gradients of rows [start, end) into the data's arrays, by the WebAssembly kernel where it has the loss. */
export function lossGradients(
  loss: Loss,
  data: Pick<HistogramData, 'y' | 'raw' | 'gradients' | 'hessians'>,
  kernel: WasmHistogramKernel | null,
): (start: number, end: number) => void {
  const { y, raw, gradients, hessians } = data;
  if (kernel && loss.name === 'binomial' && hessians)
    return (start, end) => kernel.binomialGradients(y, raw, gradients[0]!, hessians[0]!, start, end);
  const hess = hessians ?? gradients.map(() => new Float32Array(0));
  return (start, end) => loss.gradients(y, raw, gradients, hess, start, end);
}
