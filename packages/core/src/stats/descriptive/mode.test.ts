import { describe, expect, it } from 'vitest';
import { expectGolden, loadGolden } from '../../../test/support/golden.js';
import type { NanPolicy } from '../input.js';
import { mode } from './mode.js';

const G = loadGolden('descriptive');

describe('mode', () => {
  it.each(G.mode as { input: string; nanPolicy: NanPolicy; mode: number; count: number }[])(
    '$input $nanPolicy',
    (c) => {
      const got = mode(G.inputs[c.input], { nanPolicy: c.nanPolicy });
      expectGolden('mode', got.mode, c.mode, { rel: 0 }, c.input);
      expect(got.count).toBe(c.count);
    },
  );

  it('returns the smallest most frequent value; NaN counts as a value under propagate', () => {
    expect(mode([3, 1, 3, 1, 2])).toEqual({ mode: 1, count: 2 });
    expect(mode([1, 2, 2, Number.NaN, Number.NaN, Number.NaN])).toEqual({ mode: Number.NaN, count: 3 });
    expect(mode([1, 1, Number.NaN, Number.NaN])).toEqual({ mode: 1, count: 2 });
    expect(mode([Number.NaN, 1], { nanPolicy: 'omit' })).toEqual({ mode: 1, count: 1 });
    expect(mode([])).toEqual({ mode: Number.NaN, count: 0 });
  });
});
