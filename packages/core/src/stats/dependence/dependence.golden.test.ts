import { describe, expect, it } from 'vitest';
import { expectGolden, loadGolden, PVALUE_TOL, STAT_TOL } from '../../../test/support/golden.js';
import type { BinRule } from '../descriptive/index.js';
import type { Alternative } from '../input.js';
import { kendalltau, mutualInfoBinned, mutualInfoWithTarget, pearsonr, spearmanr } from './index.js';

type Spec = number[] | { lin: [string, number][]; add: number };
type Pair = [number, number] | { error: string };
type ByAlternative = Record<Alternative, Pair>;
interface PearsonAlt {
  statistic: number;
  pvalue: number;
  ci: Record<string, [number, number]>;
}
interface Case {
  name: string;
  x: Spec;
  y: Spec;
  pearsonr: Record<Alternative, PearsonAlt | { error: string }>;
  spearmanr: ByAlternative;
  kendalltau: ByAlternative;
  kendalltauC: ByAlternative;
  kendalltauAsymptotic: ByAlternative;
  kendalltauExact?: ByAlternative;
  spearmanrOmit?: ByAlternative;
  kendalltauOmit?: ByAlternative;
}

const golden = loadGolden('dependence');
const cases: Case[] = golden.correlation;
const ALTERNATIVES: Alternative[] = ['two-sided', 'less', 'greater'];

/** Rebuilds an input as the generator formed it: ((s1·c1) + s2·c2) + add, no fused operations. */
function input(spec: Spec, samples: Record<string, number[]>): Float64Array {
  if (Array.isArray(spec)) return Float64Array.from(spec);
  let out: Float64Array | undefined;
  for (const [name, coef] of spec.lin) {
    const s = samples[name]!;
    const term = Float64Array.from(s, (v) => (coef === 1 ? v : v * coef));
    if (out === undefined) out = term;
    else for (let i = 0; i < out.length; i++) out[i]! += term[i]!;
  }
  if (spec.add !== 0) for (let i = 0; i < out!.length; i++) out![i]! += spec.add;
  return out!;
}

function compare(
  fn: string,
  got: { statistic: number; pvalue: number },
  want: [number, number],
  label: string,
) {
  expectGolden(fn, got.statistic, want[0], STAT_TOL, `${label} statistic`);
  expectGolden(`${fn} pvalue`, got.pvalue, want[1], PVALUE_TOL, `${label} pvalue`);
}

describe('pearsonr', () => {
  it('matches scipy.stats.pearsonr and its Fisher confidence intervals', () => {
    let compared = 0;
    for (const c of cases) {
      const x = input(c.x, golden.samples);
      const y = input(c.y, golden.samples);
      for (const alternative of ALTERNATIVES) {
        const want = c.pearsonr[alternative];
        if ('error' in want) {
          // scipy raises ValueError for fewer than 2 pairs.
          expect(() => pearsonr(x, y, { alternative })).toThrow(
            expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
          );
          continue;
        }
        const got = pearsonr(x, y, { alternative });
        compare('pearsonr', got, [want.statistic, want.pvalue], `${c.name} ${alternative}`);
        for (const [level, [low, high]] of Object.entries(want.ci)) {
          const ci = got.confidenceInterval(Number(level));
          expectGolden('pearsonr ci', ci.low, low, STAT_TOL, `${c.name} ${alternative} ${level} low`);
          expectGolden('pearsonr ci', ci.high, high, STAT_TOL, `${c.name} ${alternative} ${level} high`);
        }
        compared++;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(90);
  });
});

describe('spearmanr', () => {
  it('matches scipy.stats.spearmanr, NaN propagated or omitted', () => {
    for (const c of cases) {
      const x = input(c.x, golden.samples);
      const y = input(c.y, golden.samples);
      for (const alternative of ALTERNATIVES) {
        compare(
          'spearmanr',
          spearmanr(x, y, { alternative }),
          c.spearmanr[alternative] as [number, number],
          c.name,
        );
        const omit = c.spearmanrOmit?.[alternative];
        if (omit && !('error' in omit)) {
          compare('spearmanr', spearmanr(x, y, { alternative, nanPolicy: 'omit' }), omit, `${c.name} omit`);
        }
      }
    }
  });
});

describe('kendalltau', () => {
  it('matches scipy.stats.kendalltau: tau-b, tau-c, auto / exact / asymptotic p-values, NaN omitted', () => {
    for (const c of cases) {
      const x = input(c.x, golden.samples);
      const y = input(c.y, golden.samples);
      for (const alternative of ALTERNATIVES) {
        const label = `${c.name} ${alternative}`;
        compare(
          'kendalltau',
          kendalltau(x, y, { alternative }),
          c.kendalltau[alternative] as [number, number],
          label,
        );
        compare(
          'kendalltau',
          kendalltau(x, y, { alternative, variant: 'c' }),
          c.kendalltauC[alternative] as [number, number],
          `${label} tau-c`,
        );
        const asym = c.kendalltauAsymptotic[alternative];
        if ('error' in asym) {
          // scipy divides 0 by 0 for n = 2; Vigie takes that term as 0 (see kendalltau's doc).
          expect(x.length).toBe(2);
        } else {
          compare(
            'kendalltau',
            kendalltau(x, y, { alternative, method: 'asymptotic' }),
            asym,
            `${label} asymptotic`,
          );
        }
        const exact = c.kendalltauExact?.[alternative];
        if (exact !== undefined) {
          if ('error' in exact) {
            expect(() => kendalltau(x, y, { alternative, method: 'exact' })).toThrow(/ties/);
          } else {
            compare(
              'kendalltau',
              kendalltau(x, y, { alternative, method: 'exact' }),
              exact,
              `${label} exact`,
            );
          }
        }
        const omit = c.kendalltauOmit?.[alternative];
        if (omit && !('error' in omit)) {
          compare('kendalltau', kendalltau(x, y, { alternative, nanPolicy: 'omit' }), omit, `${label} omit`);
        }
      }
    }
  });
});

describe('mutualInfoBinned', () => {
  it('matches numpy.histogram_bin_edges binning + sklearn.metrics.mutual_info_score', () => {
    const binned: { name: string; x: Spec; y: Spec; bins: number | BinRule; expected: number }[] =
      golden.mutualInfoBinned;
    expect(binned.length).toBeGreaterThanOrEqual(30);
    for (const c of binned) {
      const got = mutualInfoBinned(input(c.x, golden.samples), input(c.y, golden.samples), { bins: c.bins });
      expectGolden('mutualInfoBinned', got, c.expected, STAT_TOL, c.name);
    }
  });
});

describe('mutualInfoWithTarget', () => {
  it('matches the same binning, or the raw classes of a discrete side, + sklearn', () => {
    const target: {
      name: string;
      feature: Spec;
      target: Spec;
      bins: number | BinRule;
      discreteFeature: boolean;
      discreteTarget: boolean;
      expected: number;
    }[] = golden.mutualInfoWithTarget;
    expect(target.length).toBeGreaterThanOrEqual(30);
    for (const c of target) {
      const got = mutualInfoWithTarget(input(c.feature, golden.samples), input(c.target, golden.samples), {
        bins: c.bins,
        discreteFeature: c.discreteFeature,
        discreteTarget: c.discreteTarget,
      });
      expectGolden('mutualInfoWithTarget', got, c.expected, STAT_TOL, c.name);
    }
  });
});
