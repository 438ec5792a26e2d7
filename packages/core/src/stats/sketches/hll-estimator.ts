/**
 * Ertl's improved raw estimator for HyperLogLog with 64-bit hashes (O. Ertl, "New cardinality
 * estimation algorithms for HyperLogLog sketches", 2017, Algorithm 6). With m = 2^p registers,
 * q = 64 − p rank bits and C_k the number of registers equal to k (0 ≤ k ≤ q + 1):
 *
 *   z = m·τ(1 − C_{q+1}/m);  z = (z + C_k)/2 for k = q, …, 1;  z += m·σ(C_0/m)
 *   estimate = α∞·m² / z,  α∞ = 1 / (2 ln 2)
 *
 * σ and τ account for empty and saturated registers, so the estimate needs neither linear
 * counting at small cardinalities nor bias tables, and is 0 for an empty sketch.
 */
export function estimateCardinality(registers: Uint8Array, p: number): number {
  const m = registers.length;
  const q = 64 - p;
  const histogram = new Float64Array(q + 2);
  for (let i = 0; i < m; i++) histogram[registers[i]!]!++;
  let z = m * tau(1 - histogram[q + 1]! / m);
  for (let k = q; k >= 1; k--) z = 0.5 * (z + histogram[k]!);
  z += m * sigma(histogram[0]! / m);
  return (m * m) / (2 * Math.LN2 * z);
}

/** σ(x) = x + Σ_{k≥1} x^(2^k)·2^(k−1); infinite at x = 1 (all registers empty). */
function sigma(x: number): number {
  if (x === 1) return Number.POSITIVE_INFINITY;
  let y = 1;
  let z = x;
  let previous: number;
  do {
    x *= x;
    previous = z;
    z += x * y;
    y += y;
  } while (z !== previous);
  return z;
}

/** τ(x) = (1 − x − Σ_{k≥1} (1 − x^(2^−k))²·2^(−k)) / 3. */
function tau(x: number): number {
  if (x === 0 || x === 1) return 0;
  let y = 1;
  let z = 1 - x;
  let previous: number;
  do {
    x = Math.sqrt(x);
    previous = z;
    y *= 0.5;
    z -= (1 - x) ** 2 * y;
  } while (z !== previous);
  return z / 3;
}
