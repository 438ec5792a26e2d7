import { VigieError } from '../../../errors/index.js';

/**
 * Cross-tabulates two aligned arrays of category codes into an nA × nB table of counts
 * (table[i][j] = number of positions with a = i and b = j), ready for chi2Contingency, gtest or
 * fisherExact. Code -1 means missing: a position where either code is -1 is skipped. Codes must
 * be integers in [-1, nA) and [-1, nB); anything else, or arrays of different lengths, throws
 * VigieError('INVALID_ARGUMENT').
 *
 * @example contingencyFromCodes([0, 1, 1, -1], [1, 0, 1, 0], 2, 2); // [[0, 1], [1, 1]]
 */
export function contingencyFromCodes(
  aCodes: ArrayLike<number>,
  bCodes: ArrayLike<number>,
  nA: number,
  nB: number,
): number[][] {
  if (aCodes.length !== bCodes.length) {
    throw new VigieError(
      'INVALID_ARGUMENT',
      `contingencyFromCodes: the code arrays differ in length (${aCodes.length} and ${bCodes.length})`,
    );
  }
  if (!Number.isInteger(nA) || !Number.isInteger(nB) || nA < 0 || nB < 0) {
    throw new VigieError('INVALID_ARGUMENT', `contingencyFromCodes: bad table size ${nA} × ${nB}`);
  }
  const counts = new Float64Array(nA * nB);
  for (let i = 0; i < aCodes.length; i++) {
    const a = aCodes[i]!;
    const b = bCodes[i]!;
    if (!isCode(a, nA) || !isCode(b, nB)) throw badCode(i, a, b, nA, nB);
    if (a === -1 || b === -1) continue;
    const cell = a * nB + b;
    counts[cell] = counts[cell]! + 1;
  }
  const table: number[][] = [];
  for (let i = 0; i < nA; i++) table.push(Array.from(counts.subarray(i * nB, (i + 1) * nB)));
  return table;
}

function isCode(c: number, n: number): boolean {
  return Number.isInteger(c) && c >= -1 && c < n;
}

function badCode(i: number, a: number, b: number, nA: number, nB: number): VigieError {
  return new VigieError(
    'INVALID_ARGUMENT',
    `contingencyFromCodes: codes (${a}, ${b}) at position ${i} are outside [-1, ${nA}) × [-1, ${nB})`,
    { details: { row: i + 1 } },
  );
}
