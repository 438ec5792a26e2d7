import { describe, expect, it } from 'vitest';
import { compareFeatures, skewVerdicts } from './skew.js';

describe('compareFeatures', () => {
  const raw = [
    { mass: 3750, sex: 'male' },
    { mass: 3800, sex: 'female' },
    { mass: 3250, sex: 'male' },
    { mass: Number.NaN, sex: null },
  ];
  const train = raw.map((r) => ({ kg: r.mass / 1000, male: r.sex === 'male' ? 1 : 0, id: 'x' }));

  it('finds nothing when both sides compute the same (NaN equals NaN)', () => {
    const s = compareFeatures(
      train,
      raw.map((r) => ({ kg: r.mass / 1000, male: r.sex === 'male' ? 1 : 0, id: 'x' })),
    );
    expect(s.skewed).toEqual([]);
    expect(s.columns).toEqual(['kg', 'male', 'id']);
    expect(skewVerdicts(s, 'm').every((v) => v.status === 'pass')).toBe(true);
  });

  it('lists differences per column with counts, the largest difference and example rows', () => {
    const serve = raw.map((r) => ({
      kg: Math.round(r.mass / 100) / 10,
      male: r.sex === 'Male' ? 1 : 0,
      extra: 1,
    }));
    const s = compareFeatures(train, serve);
    // Ties in the count are in column order.
    expect(s.skewed).toEqual([
      {
        column: 'kg',
        differing: 2,
        maxAbsDiff: expect.closeTo(0.05, 12),
        examples: [
          { row: 1, training: 3.75, serving: 3.8 },
          { row: 3, training: 3.25, serving: 3.3 },
        ],
      },
      {
        column: 'male',
        differing: 2,
        maxAbsDiff: 1,
        examples: [
          { row: 1, training: 1, serving: 0 },
          { row: 3, training: 1, serving: 0 },
        ],
      },
    ]);
    expect(s.onlyTraining).toEqual(['id']);
    expect(s.onlyServing).toEqual(['extra']);
    const verdicts = skewVerdicts(s, 'm');
    expect(verdicts.filter((v) => v.status === 'fail').map((v) => v.check)).toEqual([
      'skew:kg',
      'skew:male',
      'skew:id',
      'skew:extra',
    ]);
  });

  it('applies the tolerance and refuses different row counts', () => {
    expect(compareFeatures([{ a: 1 }], [{ a: 1 + 1e-12 }]).skewed).toEqual([]);
    expect(compareFeatures([{ a: 1 }], [{ a: 1.001 }], { absolute: 0.01, relative: 0 }).skewed).toEqual([]);
    expect(() => compareFeatures([{ a: 1 }], [])).toThrow(/1 rows and serving-time features 0/);
  });
});
