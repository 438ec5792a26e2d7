import { describe, expect, it } from 'vitest';
import { gridCandidates, parseSearchSpace, randomCandidates } from './search-space.js';

describe('search spaces', () => {
  it('grid: every combination, last parameter fastest (names sorted), as ParameterGrid', () => {
    expect(gridCandidates({ depth: [2, 3], lr: [0.1, 0.3] })).toEqual([
      { depth: 2, lr: 0.1 },
      { depth: 2, lr: 0.3 },
      { depth: 3, lr: 0.1 },
      { depth: 3, lr: 0.3 },
    ]);
    expect(() => gridCandidates({ lr: { uniform: [0, 1] } })).toThrow(/continuous range/);
  });

  it('random: seeded, within range, integers inclusive', () => {
    const space = parseSearchSpace({
      lr: { loguniform: [1e-3, 1] },
      depth: { int: [2, 4] },
      loss: ['a', 'b'],
      c: { uniform: [5, 6] },
    });
    const a = randomCandidates(space, 200, 7);
    expect(randomCandidates(space, 200, 7)).toEqual(a);
    expect(randomCandidates(space, 200, 8)).not.toEqual(a);
    for (const p of a) {
      expect(p.lr as number).toBeGreaterThanOrEqual(1e-3);
      expect(p.lr as number).toBeLessThan(1);
      expect([2, 3, 4]).toContain(p.depth);
      expect(['a', 'b']).toContain(p.loss);
      expect(p.c as number).toBeGreaterThanOrEqual(5);
    }
    expect(new Set(a.map((p) => p.depth)).size).toBe(3);
  });

  it('names the parameter at fault', () => {
    expect(() => parseSearchSpace({ lr: { loguniform: [0, 1] } })).toThrow(
      'search space "lr": "loguniform" needs lo > 0',
    );
    expect(() => parseSearchSpace({ lr: [] })).toThrow('search space "lr": an empty list');
    expect(() => parseSearchSpace({ lr: { normal: [0, 1] } })).toThrow(/expected a list of values/);
    expect(() => parseSearchSpace([1])).toThrow(/is an object/);
  });
});
