/**
 * `numpy.linspace(start, stop, num)` (endpoint included) with numpy's arithmetic: i·step + start
 * with step = (stop - start) / (num - 1), (i / div)·delta + start when that step underflows to 0,
 * and the last point set to `stop` exactly. Histogram edges must match numpy's to the bit.
 */
export function linspace(start: number, stop: number, num: number): Float64Array {
  const out = new Float64Array(num);
  const div = num - 1;
  const delta = stop - start;
  const step = delta / div;
  for (let i = 0; i < num; i++) {
    const y = div <= 0 ? i * delta : step === 0 ? (i / div) * delta : i * step;
    out[i] = y + start;
  }
  if (num > 1) out[num - 1] = stop;
  return out;
}
