import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VigieError } from '../errors/index.js';
import { boolColumn, createTable, dictColumnFromStrings, float64Column } from '../table/index.js';
import {
  apportion,
  assignmentFor,
  hashAssign,
  type Ratios,
  SPLIT_NAMES,
  strataCodes,
  stratifiedShuffle,
} from './assign.js';

/** Ratios from three non-negative weights (not all zero). */
const ratiosArb = fc
  .tuple(fc.nat(20), fc.nat(20), fc.nat(20))
  .filter(([a, b, c]) => a + b + c > 0)
  .map(
    ([a, b, c]): Ratios => ({ train: a / (a + b + c), validation: b / (a + b + c), test: c / (a + b + c) }),
  );

const DEFAULT: Ratios = { train: 0.8, validation: 0.1, test: 0.1 };

function countsOf(splitOf: Uint8Array, rows?: readonly number[]): number[] {
  const counts = [0, 0, 0];
  for (const i of rows ?? splitOf.keys()) counts[splitOf[i]!]!++;
  return counts;
}

describe('apportion', () => {
  it('gives floors and the remainder to the largest fractions, ties to the earlier split', () => {
    expect(apportion(10, DEFAULT)).toEqual([8, 1, 1]);
    // 5.6, 0.7, 0.7: the two remainders of 0.7 beat 0.6.
    expect(apportion(7, DEFAULT)).toEqual([5, 1, 1]);
    expect(apportion(9, DEFAULT)).toEqual([7, 1, 1]);
    expect(apportion(2, { train: 0.5, validation: 0.25, test: 0.25 })).toEqual([1, 1, 0]);
    expect(apportion(1, { train: 1 / 3, validation: 1 / 3, test: 1 / 3 })).toEqual([1, 0, 0]);
    expect(apportion(0, DEFAULT)).toEqual([0, 0, 0]);
  });

  it('sums to n with every count within one of n·ratio (property)', () => {
    fc.assert(
      fc.property(fc.nat(100_000), ratiosArb, (n, ratios) => {
        const counts = apportion(n, ratios);
        expect(counts.reduce((a, b) => a + b, 0)).toBe(n);
        SPLIT_NAMES.forEach((s, j) => {
          expect(counts[j]).toBeGreaterThanOrEqual(0);
          expect(Math.abs(counts[j]! - n * ratios[s])).toBeLessThan(1 + 1e-9);
        });
      }),
      { numRuns: 300 },
    );
  });
});

describe('stratifiedShuffle', () => {
  it('puts every class within one row of total·ratio (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(60), { minLength: 1, maxLength: 6 }),
        ratiosArb,
        fc.integer(),
        (sizes, ratios, seed) => {
          const strata: number[] = [];
          sizes.forEach((size, c) => {
            for (let k = 0; k < size; k++) strata.push(c);
          });
          // Interleave the classes so that row order says nothing about the class.
          strata.sort((a, b) => ((a * 7919) % 13) - ((b * 7919) % 13) || a - b);
          const splitOf = stratifiedShuffle(strata.length, Int32Array.from(strata), ratios, seed);
          sizes.forEach((size, c) => {
            const rows = strata.flatMap((s, i) => (s === c ? [i] : []));
            const counts = countsOf(splitOf, rows);
            SPLIT_NAMES.forEach((s, j) => {
              expect(Math.abs(counts[j]! - size * ratios[s])).toBeLessThan(1 + 1e-9);
            });
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('is deterministic for a seed, and different seeds give different splits', () => {
    const strata = Int32Array.from({ length: 600 }, (_, i) => i % 3);
    const a = stratifiedShuffle(600, strata, DEFAULT, 7);
    expect(stratifiedShuffle(600, strata, DEFAULT, 7)).toEqual(a);
    expect(stratifiedShuffle(600, strata, DEFAULT, 8)).not.toEqual(a);
    expect(countsOf(a)).toEqual([480, 60, 60]);
  });

  it('without strata, splits the rows in the apportioned counts', () => {
    expect(countsOf(stratifiedShuffle(1001, null, DEFAULT, 1))).toEqual(apportion(1001, DEFAULT));
  });
});

describe('hashAssign', () => {
  const keys = (values: readonly string[]) => dictColumnFromStrings('key', values, 'id');

  it('assigns each key by its own hash: prefixes keep their split (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ maxLength: 12 }), { minLength: 2, maxLength: 200 }),
        fc.nat(),
        ratiosArb,
        fc.integer(),
        (values, cut, ratios, seed) => {
          const n = 1 + (cut % (values.length - 1));
          const all = hashAssign(keys(values), ratios, seed);
          const first = hashAssign(keys(values.slice(0, n)), ratios, seed);
          expect(Array.from(first)).toEqual(Array.from(all.subarray(0, n)));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('gives every copy of a key the same split, whatever the storage', () => {
    const values = Array.from({ length: 300 }, (_, i) => String(i % 37));
    const fromText = hashAssign(keys(values), DEFAULT, 3);
    const fromNumbers = hashAssign(float64Column('key', Float64Array.from(values, Number)), DEFAULT, 3);
    expect(fromNumbers).toEqual(fromText);
    for (let i = 37; i < values.length; i++) expect(fromText[i]).toBe(fromText[i % 37]);
  });

  it('follows the ratios on many keys and depends on the seed', () => {
    const values = Array.from({ length: 20_000 }, (_, i) => `user-${i}`);
    const a = hashAssign(keys(values), { train: 0.6, validation: 0.3, test: 0.1 }, 11);
    const shares = countsOf(a).map((c) => c / values.length);
    // Binomial sd is at most 0.0035 here: 0.015 is over four of them.
    expect(Math.abs(shares[0]! - 0.6)).toBeLessThan(0.015);
    expect(Math.abs(shares[1]! - 0.3)).toBeLessThan(0.015);
    expect(Math.abs(shares[2]! - 0.1)).toBeLessThan(0.015);
    expect(hashAssign(keys(values), { train: 0.6, validation: 0.3, test: 0.1 }, 12)).not.toEqual(a);
  });

  it('gives nothing to a split with ratio 0', () => {
    const values = Array.from({ length: 2000 }, (_, i) => `k${i}`);
    const counts = countsOf(hashAssign(keys(values), { train: 0.5, validation: 0, test: 0.5 }, 1));
    expect(counts[1]).toBe(0);
  });
});

describe('strataCodes', () => {
  it('codes distinct values of boolean and numeric labels, missing as -1', () => {
    expect(Array.from(strataCodes(boolColumn('b', Uint8Array.from([1, 0, 255, 1]))))).toEqual([0, 1, -1, 0]);
    const n = float64Column('n', Float64Array.from([2, 2, Number.NaN, 5]));
    expect(Array.from(strataCodes(n))).toEqual([0, 0, -1, 1]);
  });

  it('refuses to stratify by a continuous column', () => {
    const x = float64Column(
      'x',
      Float64Array.from({ length: 2000 }, (_, i) => i / 7),
    );
    expect(() => strataCodes(x)).toThrow(VigieError);
    try {
      strataCodes(x);
    } catch (e) {
      expect((e as VigieError).code).toBe('INVALID_ARGUMENT');
    }
  });
});

describe('assignmentFor', () => {
  it('lets the group decide over the key, the key over the label', () => {
    const table = createTable([
      dictColumnFromStrings('label', ['a', 'b', 'a', 'b']),
      dictColumnFromStrings('key', ['1', '2', '3', '4'], 'id'),
      dictColumnFromStrings('group', ['g', 'g', 'h', 'h'], 'id'),
    ]);
    const [label, key, group] = table.columns;
    expect(assignmentFor(table, { label: label!, key: key!, group: group! }, DEFAULT, 1).method).toBe(
      'group-hash',
    );
    expect(assignmentFor(table, { label: label!, key: key! }, DEFAULT, 1).method).toBe('key-hash');
    expect(assignmentFor(table, { label: label! }, DEFAULT, 1).method).toBe('stratified-shuffle');
    expect(assignmentFor(table, {}, DEFAULT, 1).method).toBe('shuffle');
  });
});
