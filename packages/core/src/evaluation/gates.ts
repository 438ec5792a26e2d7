import {
  type AbsoluteGate,
  type ComparisonGate,
  type GateRule,
  type GatesConfig,
  isComparisonGate,
} from '../config-schema/index.js';
import type { Label } from '../metrics/index.js';
import type { Verdict } from '../verdict/index.js';
import { type CompareOptions, type Comparison, compareOn, rowsToDecide } from './compare.js';
import type { EvaluationResult } from './evaluate.js';
import { metricDef } from './metric-catalog.js';
import { type Prepared, subsetPrepared } from './prepare.js';

export interface GateInputs {
  candidate: { prepared: Prepared; evaluation: EvaluationResult; ref: string };
  /** The version the comparison gates compare with, scored on the same rows; null when there is none yet. */
  champion: { prepared: Prepared; ref: string } | null;
  /** Column values of the evaluated rows, for slice gates. */
  sliceValues: Record<string, Label[]>;
  bootstrap?: CompareOptions['bootstrap'];
  minSliceRows?: number;
}

const fmt = (x: number | null | undefined) =>
  x === null || x === undefined || !Number.isFinite(x) ? 'n/a' : Number(x.toPrecision(4)).toString();
const interval = (ci: [number, number] | null) => (ci ? `[${fmt(ci[0])}, ${fmt(ci[1])}]` : 'no interval');

function nameOf(rule: GateRule): string {
  if (rule.name) return rule.name;
  if (!isComparisonGate(rule)) return `gate:${rule.metric}`;
  if (rule.min_improvement !== undefined) return `gate:${rule.metric}:improvement`;
  if (rule.min_relative_improvement !== undefined) return `gate:${rule.metric}:relative-improvement`;
  if (rule.max_regression !== undefined) return `gate:${rule.metric}:regression`;
  return `gate:${rule.metric}:slices`;
}

/**
 * Runs the promotion gates of vigie.yaml: absolute thresholds on the candidate, and comparisons
 * with the champion on the same rows (paired tests). A comparison passes when its interval clears
 * the bar, fails when it is clearly below it, and is inconclusive otherwise — saying how many
 * more labelled rows would decide at the configured power.
 */
export function runGates(config: GatesConfig, inputs: GateInputs): Verdict[] {
  return config.rules.map((rule) => {
    const check = nameOf(rule);
    if (!isComparisonGate(rule)) return absoluteGate(rule, check, inputs);
    if (!inputs.champion)
      return {
        status: 'pass',
        check,
        kind: 'gate',
        subject: `${rule.metric} on ${rule.split}`,
        method: `comparison with ${rule.against}`,
        value: null,
        threshold: null,
        sampleSizes: { n: inputs.candidate.prepared.n },
        reason: `no ${rule.against} yet: nothing to compare with, so nothing to regress from`,
      } satisfies Verdict;
    if (rule.max_slice_regression !== undefined) return sliceGate(rule, check, inputs, config);
    return comparisonGate(rule, check, inputs, config);
  });
}

function absoluteGate(rule: AbsoluteGate, check: string, inputs: GateInputs): Verdict {
  const r = inputs.candidate.evaluation.metrics[rule.metric];
  const subject = `${rule.metric} on ${rule.split}`;
  const bounds = [
    rule.min !== undefined ? `≥ ${rule.min}` : null,
    rule.max !== undefined ? `≤ ${rule.max}` : null,
  ]
    .filter(Boolean)
    .join(' and ');
  const base = {
    check,
    kind: 'gate',
    subject,
    method: `${rule.metric} ${bounds}`,
    sampleSizes: { n: inputs.candidate.prepared.n },
  };
  if (!r || r.value === null)
    return {
      ...base,
      status: 'inconclusive',
      value: null,
      threshold: rule.min ?? rule.max ?? null,
      reason: `${rule.metric} could not be measured: ${r?.error ?? 'not computed'}`,
      decideBy: 'predictions the metric is defined on',
    };
  const low = rule.min !== undefined && r.value < rule.min;
  const high = rule.max !== undefined && r.value > rule.max;
  const threshold = low ? rule.min! : high ? rule.max! : (rule.min ?? rule.max!);
  return {
    ...base,
    status: low || high ? 'fail' : 'pass',
    value: r.value,
    threshold,
    comparison: low || (rule.min !== undefined && !high) ? '>=' : '<=',
    ...(r.ci
      ? {
          effectSize: {
            name: rule.metric,
            value: r.value,
            ci: r.ci,
            confidenceLevel: inputs.candidate.evaluation.bootstrap.confidence,
          },
        }
      : {}),
    reason: `${rule.metric} ${fmt(r.value)} ${interval(r.ci)} ${low ? `< ${rule.min}` : high ? `> ${rule.max}` : bounds}`,
  };
}

/** The improvement the rule asks for: ≥ δ (improvement), ≥ −t (non-inferiority). */
function targetOf(rule: ComparisonGate, c: Comparison): { target: number; what: string } {
  if (rule.min_improvement !== undefined)
    return { target: rule.min_improvement, what: `an improvement above ${rule.min_improvement}` };
  if (rule.min_relative_improvement !== undefined) {
    const base = Math.abs(c.champion ?? 0);
    return {
      target: rule.min_relative_improvement * base,
      what: `an improvement above ${rule.min_relative_improvement * 100}% of the champion's ${fmt(c.champion)}`,
    };
  }
  return { target: -(rule.max_regression ?? 0), what: `no regression beyond ${rule.max_regression}` };
}

function decide(
  c: Comparison,
  target: number,
  config: GatesConfig,
): { status: Verdict['status']; decideBy?: string; rows?: number } {
  if (c.improvementCi === null)
    return { status: 'inconclusive', decideBy: 'a comparison the metric is defined on' };
  if (c.improvementCi[0] > target) return { status: 'pass' };
  if (c.improvementCi[1] < target) return { status: 'fail' };
  const need = rowsToDecide(c, target, config.alpha, config.power);
  const rows = need && Number.isFinite(need.additionalRows) ? need.additionalRows : undefined;
  return {
    status: 'inconclusive',
    decideBy:
      rows !== undefined
        ? `about ${rows} more labelled rows (${need!.totalRows} in all) at power ${config.power}, if the difference stays as observed`
        : 'a difference between the models: as observed, no number of rows would decide',
    ...(rows !== undefined ? { rows } : {}),
  };
}

function comparisonGate(
  rule: ComparisonGate,
  check: string,
  inputs: GateInputs,
  config: GatesConfig,
): Verdict {
  const c = compareOn(rule.metric, inputs.candidate.prepared, inputs.champion!.prepared, {
    alpha: config.alpha,
    ...(inputs.bootstrap ? { bootstrap: inputs.bootstrap } : {}),
  });
  const { target, what } = targetOf(rule, c);
  const subject = `${rule.metric} on ${rule.split}: ${inputs.candidate.ref} vs ${inputs.champion!.ref}`;
  const d = decide(c, target, config);
  const dir = metricDef(rule.metric).higherIsBetter ? 'candidate − champion' : 'champion − candidate';
  return {
    status: c.error ? 'inconclusive' : d.status,
    check,
    kind: 'gate',
    subject,
    method: `${c.test === 'mcnemar' ? "McNemar's exact test" : c.test === 'delong' ? "DeLong's test" : 'paired bootstrap'} on the same ${c.n} rows; improvement = ${dir}`,
    value: c.improvement,
    threshold: target,
    comparison: '>',
    sampleSizes: { n: c.n },
    ...(c.improvement !== null && c.improvementCi
      ? {
          effectSize: {
            name: `improvement in ${rule.metric}`,
            value: c.improvement,
            ci: c.improvementCi,
            confidenceLevel: 1 - config.alpha,
          },
        }
      : {}),
    reason: c.error
      ? `could not compare: ${c.error}`
      : `${rule.metric} ${fmt(c.candidate)} vs ${fmt(c.champion)}: improvement ${fmt(c.improvement)} ${interval(c.improvementCi)}, p = ${fmt(c.pvalue)}; needs ${what}`,
    ...(d.decideBy ? { decideBy: d.decideBy } : {}),
    details: { comparison: c, ...(d.rows !== undefined ? { additionalRows: d.rows } : {}) },
  };
}

function sliceGate(rule: ComparisonGate, check: string, inputs: GateInputs, config: GatesConfig): Verdict {
  const tolerance = rule.max_slice_regression!;
  const columns = rule.slices ?? Object.keys(inputs.sliceValues);
  const minRows = inputs.minSliceRows ?? 30;
  const results: Array<{
    slice: string;
    n: number;
    status: Verdict['status'] | 'too-small';
    comparison?: Comparison;
  }> = [];
  for (const column of columns) {
    const values = inputs.sliceValues[column];
    if (!values) continue;
    const groups = new Map<string, number[]>();
    values.forEach((v, i) => {
      const key = String(v);
      const g = groups.get(key);
      if (g) g.push(i);
      else groups.set(key, [i]);
    });
    for (const [value, idx] of [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const slice = `${column}=${value}`;
      if (idx.length < minRows) {
        results.push({ slice, n: idx.length, status: 'too-small' });
        continue;
      }
      const c = compareOn(
        rule.metric,
        subsetPrepared(inputs.candidate.prepared, idx),
        subsetPrepared(inputs.champion!.prepared, idx),
        {
          alpha: config.alpha,
          ...(inputs.bootstrap ? { bootstrap: inputs.bootstrap } : {}),
        },
      );
      // A slice fails when it is clearly worse beyond the tolerance; a point estimate past it alone is not enough.
      const status: Verdict['status'] =
        c.improvementCi === null
          ? 'inconclusive'
          : c.improvementCi[1] < -tolerance
            ? 'fail'
            : (c.improvement ?? 0) < -tolerance
              ? 'inconclusive'
              : 'pass';
      results.push({ slice, n: idx.length, status, comparison: c });
    }
  }
  const failed = results.filter((r) => r.status === 'fail');
  const unsure = results.filter((r) => r.status === 'inconclusive');
  const small = results.filter((r) => r.status === 'too-small');
  const scored = results.filter((r) => r.comparison);
  const worst = scored.reduce<(typeof scored)[number] | undefined>(
    (w, r) => (!w || (r.comparison!.improvement ?? 0) < (w.comparison!.improvement ?? 0) ? r : w),
    undefined,
  );
  const status: Verdict['status'] =
    failed.length > 0 ? 'fail' : unsure.length > 0 || scored.length === 0 ? 'inconclusive' : 'pass';
  const describe = (r: (typeof results)[number]) =>
    `${r.slice} (${r.n} rows): ${fmt(r.comparison?.improvement)} ${interval(r.comparison?.improvementCi ?? null)}`;
  return {
    status,
    check,
    kind: 'gate',
    subject: `${rule.metric} per slice of ${columns.join(', ')}: ${inputs.candidate.ref} vs ${inputs.champion!.ref}`,
    method: `paired comparison in each slice of at least ${minRows} rows; a slice fails when its improvement's interval is below −${tolerance}`,
    value: worst?.comparison?.improvement ?? null,
    threshold: -tolerance,
    comparison: '>=',
    sampleSizes: { slices: scored.length, tooSmall: small.length },
    reason:
      failed.length > 0
        ? `${failed.length} slice(s) regressed beyond ${tolerance}: ${failed.map(describe).join('; ')}`
        : unsure.length > 0
          ? `${unsure.length} slice(s) may have regressed beyond ${tolerance}: ${unsure.map(describe).join('; ')}`
          : scored.length === 0
            ? `no slice has ${minRows} rows to compare`
            : `no slice regressed beyond ${tolerance}; worst ${worst ? describe(worst) : 'n/a'}${small.length ? `; ${small.length} slice(s) under ${minRows} rows not compared` : ''}`,
    ...(status === 'inconclusive'
      ? {
          decideBy: `more labelled rows in ${unsure.length > 0 ? unsure.map((r) => r.slice).join(', ') : 'each slice'}`,
        }
      : {}),
    details: {
      slices: results.map((r) => ({
        slice: r.slice,
        n: r.n,
        status: r.status,
        improvement: r.comparison?.improvement ?? null,
        ci: r.comparison?.improvementCi ?? null,
      })),
    },
  };
}
