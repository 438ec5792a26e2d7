import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../random/index.js';
import { select } from './select.js';

describe('select', () => {
  it('returns sorted[k], NaN last', () => {
    fc.assert(
      fc.property(fc.array(fc.double(), { minLength: 1, maxLength: 2000 }), fc.nat(), (x, k0) => {
        const k = k0 % x.length;
        const want = Float64Array.from(x).sort()[k]!;
        const got = select(x, k);
        expect(got === want || (Number.isNaN(got) && Number.isNaN(want))).toBe(true);
      }),
    );
  });

  it('selects in large inputs with many ties and rejects a bad k', () => {
    const rng = createRandom(5);
    const x = Float64Array.from({ length: 50_000 }, () => rng.int(10));
    const sorted = x.slice().sort();
    for (const k of [0, 1, 24_999, 25_000, 49_999]) expect(select(x, k)).toBe(sorted[k]);
    expect(() => select(x, 50_000)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => select(x, 1.5)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
