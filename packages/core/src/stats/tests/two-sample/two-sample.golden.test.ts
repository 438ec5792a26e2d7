import { describe, expect, it } from 'vitest';
import { expectGolden, loadGolden, PVALUE_TOL, STAT_TOL } from '../../../../test/support/golden.js';
import { besselKScaled } from './bessel-k.js';
import { cdfCvmInf } from './cvm-limit.js';
import {
  andersonKsamp,
  cramervonmises2samp,
  fOnewayWithOptions,
  kruskalWithOptions,
  ks2samp,
  mannwhitneyu,
  ttest1samp,
  ttestInd,
  ttestRel,
} from './index.js';
import { exactKs2samp } from './ks-2samp-exact.js';

interface Spec {
  ref: string;
  start?: number;
  stop?: number;
  mul: number;
  add: number;
}

// biome-ignore lint/suspicious/noExplicitAny: fixtures are free-form JSON, narrowed per section
type Case = Record<string, any>;

const golden = loadGolden('tests_two_sample');
const inputs: Record<string, number[]> = golden.inputs;

/** Rebuilds a fixture input: x[start:stop] * mul + add, with numpy's two roundings. */
function input(spec: Spec): Float64Array {
  const x = inputs[spec.ref]!.slice(spec.start ?? 0, spec.stop ?? undefined);
  const plain = spec.mul === 1 && spec.add === 0;
  return Float64Array.from(x, (v) => (plain ? v : v * spec.mul + spec.add));
}

/** scipy keyword arguments of a case as Vigie options. */
function options(c: Case): Case {
  const map: Record<string, string> = {
    alternative: 'alternative',
    method: 'method',
    nan_policy: 'nanPolicy',
    use_continuity: 'useContinuity',
    equal_var: 'equalVar',
    midrank: 'midrank',
    variant: 'variant',
  };
  const out: Case = {};
  for (const [k, v] of Object.entries(c)) if (map[k] !== undefined) out[map[k]!] = v;
  return out;
}

/** Runs every case of a section: cases where scipy raised must throw; others compare each field. */
function check(section: string, fn: string, run: (c: Case) => Case, pvalueFields = ['pvalue']): void {
  const cases: Case[] = golden[section];
  expect(cases.length).toBeGreaterThanOrEqual(30);
  for (const c of cases) {
    if (c.raises) {
      expect(() => run(c), `${fn} ${c.name} should throw`).toThrow();
      continue;
    }
    const got = run(c);
    for (const [field, expected] of Object.entries(c.expected as Case)) {
      if (Array.isArray(expected)) {
        expected.forEach((e: number, i: number) => {
          expectGolden(fn, got[field][i], e, STAT_TOL, `${c.name} ${field}[${i}]`);
        });
        continue;
      }
      const tol = pvalueFields.includes(field) ? PVALUE_TOL : STAT_TOL;
      expectGolden(fn, got[field], expected as number, tol, `${c.name} ${field}`);
    }
  }
}

describe('two-sample tests against scipy 1.17', () => {
  it('ks2samp matches scipy.stats.ks_2samp', () => {
    check('ks2samp', 'ks2samp', (c) => ks2samp(input(c.a), input(c.b), options(c)));
  });

  it('the exact KS kernel matches scipy _attempt_exact_2kssamp, including where it gives up', () => {
    for (const c of golden.ksExact as Case[]) {
      const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
      const got = exactKs2samp(c.n1, c.n2, gcd(c.n1, c.n2), c.d, c.alternative);
      const label = `${c.n1} vs ${c.n2} d=${c.d} ${c.alternative}`;
      expect(got.ok, label).toBe(c.ok);
      expectGolden('ks2samp', got.d, c.snapped, STAT_TOL, `${label} snapped`);
      if (c.ok) expectGolden('ks2samp', got.prob, c.prob, PVALUE_TOL, `${label} prob`);
    }
  });

  it('mannwhitneyu matches scipy.stats.mannwhitneyu', () => {
    check('mannwhitneyu', 'mannwhitneyu', (c) => mannwhitneyu(input(c.a), input(c.b), options(c)));
  });

  it('ttestInd, ttestRel and ttest1samp match scipy', () => {
    check('ttestInd', 'ttestInd', (c) => ttestInd(input(c.a), input(c.b), options(c)));
    check('ttestRel', 'ttestRel', (c) => ttestRel(input(c.a), input(c.b), options(c)));
    check('ttest1samp', 'ttest1samp', (c) => ttest1samp(input(c.a), c.popmean, options(c)));
  });

  it('cramervonmises2samp matches scipy.stats.cramervonmises_2samp', () => {
    check('cramervonmises2samp', 'cramervonmises2samp', (c) =>
      cramervonmises2samp(input(c.a), input(c.b), options(c)),
    );
  });

  it('fOneway and kruskal match scipy (samples as separate arguments there)', () => {
    check('fOneway', 'fOneway', (c) => fOnewayWithOptions(c.samples.map(input), options(c)));
    check('kruskal', 'kruskal', (c) => kruskalWithOptions(c.samples.map(input), options(c)));
  });

  it('andersonKsamp matches scipy.stats.anderson_ksamp, capped p-values included', () => {
    check('andersonKsamp', 'andersonKsamp', (c) => andersonKsamp(c.samples.map(input), options(c)));
  });

  it('private kernels match scipy.special.kve(1/4, x) and _cdf_cvm_inf', () => {
    for (const c of golden.besselKve as Case[]) {
      expectGolden('besselKScaled', besselKScaled(0.25, c.x), c.expected, { rel: 1e-13 }, `x=${c.x}`);
    }
    for (const c of golden.cdfCvmInf as Case[]) {
      expectGolden('cdfCvmInf', cdfCvmInf(c.x), c.expected, { rel: 1e-12, abs: 1e-15 }, `x=${c.x}`);
    }
  });
});
