/**
 * The benchmark's column plan: a fixed 20-column template (14 numeric, 4 categorical, 1 boolean,
 * 1 id) and the deterministic choice of which columns receive planted drift in the current file.
 * The plan is plain data; it is written to manifest.json as is and drives the cell writers.
 */

import { zipfProbabilities } from './distributions.mjs';
import { DISTRIBUTIONS } from './distributions-table.mjs';

/** How far planted drift moves things. Recorded in the manifest with each drifted column. */
export const DRIFT = {
  meanShiftSd: 0.5,
  varianceRatio: 2,
  zipfExponentCurrent: 0.5,
  booleanPTrueCurrent: 0.5,
  newCategoryLevel: 'NEW',
  newCategoryShare: 0.1,
};

export const OUTLIERS = { rate: 0.005, minSd: 50, maxSd: 55 };

/**
 * Template in file order. `driftRank` orders the drift candidates: with --drift 0.3 on 20 columns the
 * 6 lowest ranks drift (two mean shifts, two variance changes, one frequency change, one new category).
 */
const TEMPLATE = [
  { name: 'id', kind: 'id' },
  num('normal_a', 'normal', { mean: 50, sd: 10 }, { missing: 0.01, rank: 1, drift: 'mean_shift' }),
  cat('cat_7', 7, { rank: 3, drift: 'frequency_change' }),
  num('lognormal_a', 'lognormal', { mu: 3, sigma: 0.75 }, { missing: 0.02, rank: 5, drift: 'mean_shift' }),
  { name: 'flag', kind: 'boolean', pTrue: 0.3, missing: 0, driftRank: 7, driftKind: 'frequency_change' },
  num('uniform_a', 'uniform', { low: 0, high: 100 }, { rank: 9, drift: 'mean_shift' }),
  num('exponential_a', 'exponential', { rate: 0.5 }, { missing: 0.4, rank: 13, drift: 'variance_scale' }),
  cat('cat_20', 20, { missing: 0.03, rank: 4, drift: 'new_category' }),
  num('student_t3', 'studentT', { df: 3, loc: 0, scale: 1 }, { rank: 10, drift: 'variance_scale' }),
  num('count_a', 'poisson', { lambda: 4 }, { missing: 0.05, rank: 11, drift: 'mean_shift' }),
  num(
    'bimodal',
    'bimodal',
    { weight: 0.6, mean1: -2, sd1: 0.7, mean2: 3, sd2: 1 },
    { rank: 6, drift: 'variance_scale' },
  ),
  num('normal_b', 'normal', { mean: 100, sd: 15 }, { rank: 2, drift: 'variance_scale' }),
  cat('cat_3', 3, { rank: 8, drift: 'new_category' }),
  num('normal_outliers', 'normal', { mean: 0, sd: 1 }, { outliers: true, rank: 18, drift: 'variance_scale' }),
  num('count_b', 'poisson', { lambda: 30 }, { rank: 15, drift: 'variance_scale' }),
  cat('cat_200', 200, { missing: 0.01, rank: 12, drift: 'frequency_change' }),
  num(
    'lognormal_outliers',
    'lognormal',
    { mu: 0, sigma: 1 },
    { outliers: true, rank: 19, drift: 'mean_shift' },
  ),
  num('uniform_int', 'uniformInt', { low: 18, high: 90 }, { missing: 0.01, rank: 16, drift: 'mean_shift' }),
  num('exponential_b', 'exponential', { rate: 2 }, { rank: 17, drift: 'mean_shift' }),
  num('normal_c', 'normal', { mean: -5, sd: 3 }, { missing: 0.02, rank: 14, drift: 'mean_shift' }),
];

function num(name, distribution, params, { missing = 0, outliers = false, rank, drift }) {
  return {
    name,
    kind: 'numeric',
    distribution,
    params,
    missing,
    outliers,
    driftRank: rank,
    driftKind: drift,
  };
}

function cat(name, levels, { missing = 0, rank, drift }) {
  return { name, kind: 'categorical', levels, zipfExponent: 1, missing, driftRank: rank, driftKind: drift };
}

/**
 * Columns for `cols` columns: a prefix of the template when cols <= 20, the template followed by
 * repeats of its non-id columns (suffixed _2, _3, ...) beyond. Each column gets a stable `stream`
 * number (its template slot and repeat) so its values do not depend on which other columns exist.
 * `drift` is the fraction of all columns that drift (rounded; the id column never drifts).
 */
export function planColumns(cols, drift) {
  const nonId = TEMPLATE.slice(1);
  const picked = [];
  for (let i = 0; i < cols; i++) {
    if (i < TEMPLATE.length) picked.push({ template: TEMPLATE[i], slot: i, repeat: 0 });
    else {
      const j = (i - TEMPLATE.length) % nonId.length;
      const repeat = 1 + Math.floor((i - TEMPLATE.length) / nonId.length);
      picked.push({ template: nonId[j], slot: j + 1, repeat });
    }
  }
  const candidates = picked
    .filter((p) => p.template.kind !== 'id')
    .sort((a, b) => a.repeat - b.repeat || a.template.driftRank - b.template.driftRank);
  const drifting = new Set(candidates.slice(0, Math.round(drift * cols)));
  return picked.map((p) => describeColumn(p, drifting.has(p)));
}

function describeColumn({ template, slot, repeat }, drifted) {
  const name = repeat === 0 ? template.name : `${template.name}_${repeat + 1}`;
  const stream = slot + 100 * repeat;
  const base = { name, kind: template.kind, stream, missingRate: template.missing ?? 0 };
  if (template.kind === 'id') return { ...base, type: 'string', unique: true, drift: null };
  if (template.kind === 'boolean') {
    const drift = drifted
      ? { kind: 'frequency_change', pTrue: { reference: template.pTrue, current: DRIFT.booleanPTrueCurrent } }
      : null;
    return { ...base, type: 'boolean', pTrue: template.pTrue, drift };
  }
  if (template.kind === 'categorical') return describeCategorical(base, template, drifted);
  const entry = DISTRIBUTIONS[template.distribution];
  const { mean, sd } = entry.moments(template.params);
  return {
    ...base,
    type: entry.type,
    distribution: { name: template.distribution, ...template.params },
    mean,
    sd,
    outliers: template.outliers ? { ...OUTLIERS, about: 'mean', sign: 'random' } : null,
    drift: drifted ? numericDrift(template.driftKind, entry.type, mean, sd) : null,
  };
}

function numericDrift(kind, type, mean, sd) {
  if (kind === 'mean_shift') {
    const exact = DRIFT.meanShiftSd * sd;
    const shift = type === 'integer' ? Math.max(1, Math.round(exact)) : exact;
    return { kind, sdUnits: DRIFT.meanShiftSd, shift, transform: 'x + shift' };
  }
  return {
    kind,
    varianceRatio: DRIFT.varianceRatio,
    about: mean,
    transform: type === 'integer' ? 'round(mean + (x - mean) * sqrt(2))' : 'mean + (x - mean) * sqrt(2)',
  };
}

function describeCategorical(base, template, drifted) {
  const levels = Array.from({ length: template.levels }, (_, i) => `L${i}`);
  const reference = zipfProbabilities(template.levels, template.zipfExponent);
  let drift = null;
  if (drifted && template.driftKind === 'new_category') {
    drift = { kind: 'new_category', level: DRIFT.newCategoryLevel, share: DRIFT.newCategoryShare };
  } else if (drifted) {
    drift = {
      kind: 'frequency_change',
      zipfExponent: { reference: template.zipfExponent, current: DRIFT.zipfExponentCurrent },
    };
  }
  return {
    ...base,
    type: 'string',
    levels,
    zipfExponent: template.zipfExponent,
    probabilities: { reference, current: currentProbabilities(levels.length, template, drift) },
    drift,
  };
}

/** Current-file level probabilities; a new category is appended as the last level. */
function currentProbabilities(k, template, drift) {
  if (drift === null) return zipfProbabilities(k, template.zipfExponent);
  if (drift.kind === 'frequency_change') return zipfProbabilities(k, drift.zipfExponent.current);
  const scaled = zipfProbabilities(k, template.zipfExponent).map((p) => p * (1 - drift.share));
  return [...scaled, drift.share];
}
