/**
 * Safeguarded Newton iteration in u = log t for an increasing function h(u), used to invert the
 * incomplete gamma and beta ratios. Working in log t keeps steps sensible when the root spans
 * hundreds of decades; every iterate keeps a sign-change bracket and falls back to bisection
 * when Newton leaves it, so the iteration cannot diverge.
 */
export interface LogNewtonProblem {
  /** h(u) and dh/du at u; h must be increasing with a single root. */
  evaluate(u: number): { value: number; slope: number };
  /** A starting point (finite). */
  start: number;
  /** Bounds of the search in u; the root is clamped to them. */
  lower: number;
  upper: number;
}

const MAX_ITERATIONS = 400;

/** Returns the root u, or `lower` / `upper` when h has no sign change inside the bounds. */
export function solveLogNewton(problem: LogNewtonProblem): number {
  const { evaluate } = problem;
  let lo = problem.lower;
  let hi = problem.upper;
  let u = Math.min(Math.max(problem.start, lo), hi);
  let current = evaluate(u);
  if (current.value === 0) return u;

  // Grow a bracket from the starting point by doubling steps.
  let step = 0.5;
  if (current.value > 0) {
    hi = u;
    for (;;) {
      if (u === lo) return lo;
      u = Math.max(u - step, lo);
      step *= 2;
      current = evaluate(u);
      if (current.value === 0) return u;
      if (current.value < 0) break;
      hi = u;
    }
    lo = u;
  } else {
    lo = u;
    for (;;) {
      if (u === hi) return hi;
      u = Math.min(u + step, hi);
      step *= 2;
      current = evaluate(u);
      if (current.value === 0) return u;
      if (current.value > 0) break;
      lo = u;
    }
    hi = u;
  }

  // Newton from the better-known end, bisection whenever the step leaves the bracket.
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    const { value, slope } = current;
    if (value === 0) return u;
    if (value > 0) hi = u;
    else lo = u;
    let next = slope > 0 && Number.isFinite(slope) ? u - value / slope : Number.NaN;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    const tolerance = 2e-16 * Math.max(1, Math.abs(u));
    if (Math.abs(next - u) <= tolerance || hi - lo <= tolerance) return next;
    u = next;
    current = evaluate(u);
  }
  return u;
}
