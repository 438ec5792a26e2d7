/**
 * Small deterministic datasets and configs for the `vigie check` end-to-end tests: one where every
 * check type fails, and one where every check passes after the repair rules ran.
 */

function csv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  return `${[header.join(','), ...rows.map((r) => r.join(','))].join('\n')}\n`;
}

const CITIES = ['paris', 'lyon', 'nice'];

/**
 * 62 rows with one of each problem: age 500 (out of range, an outlier), age2 ≈ 2·age (correlated,
 * collinear), 3 missing scores, city "rome", code "bad", 2 fully duplicated rows (ids repeat).
 */
export function badCsv(): string {
  const rows: Array<Array<string | number>> = [];
  for (let i = 0; i < 60; i++) {
    const age = i === 5 ? 500 : 20 + ((i * 7) % 60);
    const age2 = 2 * age + ((i * 3) % 5) * 0.1;
    const score = i % 20 === 3 ? '' : (50 + 10 * Math.sin(i * 1.7)).toFixed(3);
    const city = i === 7 ? 'rome' : CITIES[i % 3]!;
    const code = i === 9 ? 'bad' : `AB-${100 + i}`;
    rows.push([`r${i}`, age, age2.toFixed(1), score, city, code]);
  }
  rows.push([...rows[0]!], [...rows[1]!]);
  return csv(['id', 'age', 'age2', 'score', 'city', 'code'], rows);
}

/** A reference for `bad.csv` whose scores and cities have moved. */
export function badReferenceCsv(): string {
  const rows: Array<Array<string | number>> = [];
  for (let i = 0; i < 60; i++) {
    rows.push([(80 + 10 * Math.sin(i * 1.3)).toFixed(3), i % 6 === 0 ? 'lyon' : 'paris']);
  }
  return csv(['score', 'city'], rows);
}

/** Every check type, each written to fail on bad.csv. */
export const FAIL_CONFIG = `# every check type, each failing
version: 1
data: bad.csv
checks:
  - { check: type, column: code, expected: numeric }
  - { check: missing, column: score, max_share: 0.01 }
  - { check: not_null, column: score }
  - { check: range, column: age, min: 0, max: 120 }
  - { check: allowed_values, column: city, values: [paris, lyon, nice] }
  - check: regex
    column: code
    pattern: '[A-Z]{2}-\\d{3}'
  - { check: unique, column: id }
  - { check: row_count, min: 1000 }
  - { check: duplicates, max_share: 0 }
  - { check: outliers, name: "outliers:zscore", column: age, method: zscore, max_share: 0 }
  - { check: outliers, name: "outliers:robust", column: age, method: robust_zscore, max_share: 0 }
  - { check: outliers, name: "outliers:iqr", column: age, method: iqr, max_share: 0 }
  - { check: outliers, name: "outliers:forest", columns: [age, score], method: isolation_forest, max_share: 0, seed: 1 }
  - { check: correlation, columns: [age, age2], max_abs: 0.95 }
  - { check: vif, columns: [age, age2, score], max: 10 }
  - { check: drift, reference: ref.csv, columns: [score, city] }
  - { check: required_analyses, analyses: [checks, split] }
`;

/** The check types a config can declare (the zod schema's discriminator values). */
export const CHECK_TYPES = [
  'type',
  'missing',
  'not_null',
  'range',
  'allowed_values',
  'regex',
  'unique',
  'row_count',
  'duplicates',
  'outliers',
  'correlation',
  'vif',
  'drift',
  'required_analyses',
] as const;

export const GOOD_ROWS = 80;
/** Rows whose status is not "valid": the exclude rule removes them. */
export const GOOD_EXCLUDED = 2;

/**
 * 80 rows that pass every check once repaired: 2 rows with status "void" (excluded), 4 missing
 * weights (median), 3 missing cities (mode), 5 missing notes (constant), one height of 400
 * (clipped to 220); `sparse` is 75% missing (a warning only).
 */
export function goodCsv(): string {
  const rows: Array<Array<string | number>> = [];
  for (let i = 0; i < GOOD_ROWS; i++) {
    const height = i === 11 ? 400 : 150 + ((i * 13) % 50) + 0.5;
    const weight = i % 25 === 4 ? '' : 50 + ((i * 17) % 40) + 0.25;
    const city = i % 30 === 10 ? '' : CITIES[i % 3]!;
    const note = i % 16 === 0 ? '' : 'ok';
    const status = i % 40 === 7 ? 'void' : 'valid';
    const label = i % 2 === 0 ? 'yes' : 'no';
    const sparse = i % 4 === 0 ? (i / 4).toFixed(1) : '';
    rows.push([`g${i}`, height, weight, city, note, status, label, sparse]);
  }
  return csv(['id', 'height', 'weight', 'city', 'note', 'status', 'label', 'sparse'], rows);
}

/** Ten rows: too few for a drift test, so that drift check is inconclusive. */
export function tinyReferenceCsv(): string {
  const rows: Array<Array<string | number>> = [];
  for (let i = 0; i < 10; i++) rows.push([`t${i}`, 150 + i * 5]);
  // `id` too: the config's column types apply to reference datasets as well
  return csv(['id', 'height'], rows);
}

/** Every check type, each passing on good.csv after the repairs (plus one warning and one inconclusive). */
export const PASS_CONFIG = `version: 1
data: good.csv
label: label
columns:
  id: { type: id }
repair:
  output: out/clean.csv
  rules:
    - action: exclude
      when: { column: status, not_in: [valid] }
    - { action: impute, column: weight, strategy: median }
    - { action: impute, column: city, strategy: mode }
    - { action: impute, column: note, strategy: constant, value: none }
    - { action: clip, column: height, min: 100, max: 220 }
checks:
  - { check: type, column: height, expected: numeric }
  - { check: type, column: city, expected: categorical }
  - { check: missing, columns: [weight, city, note], max_share: 0 }
  - { check: missing, name: "missing:sparse", column: sparse, max_share: 0.5, severity: warn }
  - { check: not_null, columns: [id, city, note] }
  - { check: range, column: height, min: 100, max: 250 }
  - { check: allowed_values, column: city, values: [paris, lyon, nice] }
  - check: regex
    column: id
    pattern: 'g\\d+'
  - { check: unique, column: id }
  - { check: row_count, min: 50, max: 1000 }
  - { check: duplicates, max_share: 0 }
  - { check: outliers, name: "outliers:zscore", column: weight, method: zscore, max_share: 0 }
  - { check: outliers, name: "outliers:robust", column: weight, method: robust_zscore, max_share: 0 }
  - { check: outliers, name: "outliers:iqr", column: height, method: iqr, threshold: 3, max_share: 0 }
  - { check: outliers, name: "outliers:forest", columns: [height, weight], method: isolation_forest, max_share: 0.5, seed: 1 }
  - { check: correlation, columns: [height, weight], max_abs: 0.95 }
  - { check: vif, columns: [height, weight], max: 10 }
  - { check: drift, name: "drift:same", reference: good.csv, columns: [height, city] }
  - { check: drift, name: "drift:tiny", reference: tiny.csv, columns: [height] }
  - { check: required_analyses, analyses: [profile, checks, split] }
split:
  label: label
  seed: 1
  output: out/splits
`;
