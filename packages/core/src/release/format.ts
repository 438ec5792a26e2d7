/** A number for a reason sentence: 4 significant digits, `n/a` when not finite. */
export function fmt(x: number | null | undefined): string {
  if (x === null || x === undefined || Number.isNaN(x)) return 'n/a';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '-∞';
  if (x === 0) return '0';
  const a = Math.abs(x);
  return a >= 1e-4 && a < 1e6 ? String(Number(x.toPrecision(4))) : x.toExponential(2);
}

/** A share as a percentage: `3.2%`; below 0.0001% it is `0%` (an interval's bound at 0 is ~1e-18). */
export function pct(x: number): string {
  if (!Number.isFinite(x)) return 'n/a';
  return Math.abs(x) < 1e-6 ? '0%' : `${Number((100 * x).toPrecision(3))}%`;
}
