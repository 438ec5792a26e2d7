/** x log y with 0 log y = 0 for every y, as scipy.special.xlogy (NaN y still gives NaN). */
export function xlogy(x: number, y: number): number {
  if (x === 0 && !Number.isNaN(y)) return 0;
  return x * Math.log(y);
}
