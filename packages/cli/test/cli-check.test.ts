import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  badCsv,
  badReferenceCsv,
  CHECK_TYPES,
  FAIL_CONFIG,
  GOOD_EXCLUDED,
  GOOD_ROWS,
  goodCsv,
  PASS_CONFIG,
  tinyReferenceCsv,
} from './support/check-datasets.js';
import { expectSelfContainedHtml } from './support/html.js';
import { type CliResult, lines, workspace } from './support/run-cli.js';
import { findAll, parseXml } from './support/xml.js';

interface Verdict {
  status: 'pass' | 'warn' | 'fail' | 'inconclusive';
  check: string;
  kind: string;
  reason: string;
}

interface Transformation {
  name: string;
  action: string;
  column: string | null;
  parameters: Record<string, unknown>;
  rowsIn: number;
  rowsOut: number;
  affected: number;
}

interface CheckReport {
  schemaVersion: number;
  kind: string;
  status: string;
  counts: { pass: number; warn: number; fail: number; inconclusive: number; total: number };
  verdicts: Verdict[];
  splitChecks?: Array<{ split: string; rows: number; verdicts: Verdict[] }>;
  split?: { splits: Array<{ name: string; rows: number }> };
  repair?: { output: string; transformations: Transformation[] };
}

const ws = workspace('vigie-cli-check-');
ws.file('bad.csv', badCsv());
ws.file('ref.csv', badReferenceCsv());
ws.file('fail.yaml', FAIL_CONFIG);
ws.file('good.csv', goodCsv());
ws.file('tiny.csv', tinyReferenceCsv());
ws.file('pass.yaml', PASS_CONFIG);

/** The (STATUS, check) pairs of the console's verdict lines. */
function consoleVerdicts(stdout: string): Array<[string, string]> {
  return lines(stdout)
    .map((l) => /^(PASS|WARN|FAIL|INCONCLUSIVE) +(\S(?:.*?\S)?)(?: {2,}|$)/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => [m[1]!, m[2]!]);
}

/** Parses the JUnit file and checks it against the report's counts. */
function expectJunitMatches(path: string, report: CheckReport): void {
  const root = parseXml(readFileSync(path, 'utf8'));
  expect(root.name).toBe('testsuites');
  const cases = findAll(root, 'testcase');
  expect(cases.length).toBe(report.counts.total);
  expect(Number(root.attributes.tests)).toBe(report.counts.total);
  const failed = cases.filter((c) => c.children.some((x) => x.name === 'failure'));
  const skipped = cases.filter((c) => c.children.some((x) => x.name === 'skipped'));
  expect(failed.length).toBe(report.counts.fail);
  expect(skipped.length).toBe(report.counts.inconclusive);
  expect(Number(root.attributes.failures)).toBe(report.counts.fail);
  expect(Number(root.attributes.skipped)).toBe(report.counts.inconclusive);
}

describe('vigie check: every check type failing', () => {
  let json: CliResult;
  let report: CheckReport;

  beforeAll(async () => {
    json = await ws.run([
      'check',
      '--config',
      'fail.yaml',
      '--json',
      '--junit',
      'reports/fail.xml',
      '--html',
      'reports/fail.html',
    ]);
    report = JSON.parse(json.stdout) as CheckReport;
  });

  it('exits 1, prints only JSON on stdout and nothing on stderr', () => {
    expect(json.stderr).toBe('');
    expect(json.code).toBe(1);
    expect(report.schemaVersion).toBe(1);
    expect(report.status).toBe('fail');
  });

  it.each([
    'type:code',
    'missing:score',
    'not_null:score',
    'range:age',
    'allowed_values:city',
    'regex:code',
    'unique:id',
    'row_count',
    'duplicates',
    'outliers:zscore',
    'outliers:robust',
    'outliers:iqr',
    'outliers:forest',
    'correlation',
    'vif:age',
    'drift',
    'required_analyses',
  ])('%s fails', (check) => {
    const v = report.verdicts.find((x) => x.check === check);
    expect(v, `no verdict ${check} in ${report.verdicts.map((x) => x.check).join(', ')}`).toBeDefined();
    expect(v!.status, v!.reason).toBe('fail');
  });

  it('covers every check type of the config schema with a failure', () => {
    const failedKinds = new Set(report.verdicts.filter((v) => v.status === 'fail').map((v) => v.kind));
    for (const type of CHECK_TYPES) expect(failedKinds, type).toContain(type);
  });

  it('names the offending values in the reasons', () => {
    const reason = (check: string) => report.verdicts.find((v) => v.check === check)!.reason;
    expect(reason('drift')).toMatch(/score/);
    expect(reason('required_analyses')).toMatch(/split/);
    expect(reason('row_count')).toMatch(/62/);
  });

  it('writes a well-formed JUnit file: one test case per verdict, failures and skips counted', () => {
    expectJunitMatches(ws.path('reports/fail.xml'), report);
  });

  it('writes one self-contained HTML document', () => {
    expectSelfContainedHtml(ws.path('reports/fail.html'));
  });

  it('prints the same verdicts on the console as in the JSON', async () => {
    const r = await ws.run(['check', '--config', 'fail.yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(consoleVerdicts(r.stdout)).toEqual(
      report.verdicts.map((v) => [v.status.toUpperCase(), v.check] as [string, string]),
    );
    expect(r.stdout).toMatch(/→ FAIL/);
  });
});

describe('vigie check: every check type passing after the repair rules', () => {
  let run: CliResult;
  let report: CheckReport;

  beforeAll(async () => {
    run = await ws.run(['check', '--config', 'pass.yaml', '--json', '--junit', 'reports/pass.xml']);
    report = JSON.parse(run.stdout) as CheckReport;
  });

  it('exits 0 when nothing failed, warnings and inconclusive verdicts allowed', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(report.status).toBe('warn');
    expect(report.counts.fail).toBe(0);
    expect(report.verdicts.find((v) => v.check === 'missing:sparse')?.status).toBe('warn');
    expect(report.verdicts.find((v) => v.check === 'drift:tiny')?.status).toBe('inconclusive');
  });

  it('has a passing verdict of every check type', () => {
    const passedKinds = new Set(report.verdicts.filter((v) => v.status === 'pass').map((v) => v.kind));
    for (const type of CHECK_TYPES) expect(passedKinds, type).toContain(type);
  });

  it('records each repair with its row counts', () => {
    const t = report.repair!.transformations;
    const byAction = (action: string, column: string) =>
      t.find((x) => x.action === action && x.column === column)!;
    const kept = GOOD_ROWS - GOOD_EXCLUDED;
    expect(byAction('exclude', 'status')).toMatchObject({ rowsIn: GOOD_ROWS, rowsOut: kept, affected: 2 });
    expect(byAction('impute', 'weight')).toMatchObject({ rowsIn: kept, rowsOut: kept, affected: 4 });
    expect(byAction('impute', 'city')).toMatchObject({ affected: 3 });
    expect(byAction('impute', 'note')).toMatchObject({ affected: 5 });
    expect(byAction('clip', 'height')).toMatchObject({ affected: 1 });
    expect(byAction('impute', 'city').parameters.value).toBe('paris');
    expect(byAction('impute', 'note').parameters.value).toBe('none');
    expect(report.repair!.output).toBe(ws.path('out/clean.csv'));
  });

  it('writes the repaired data: excluded rows gone, gaps filled, values clipped', () => {
    const rows = lines(readFileSync(ws.path('out/clean.csv'), 'utf8')).map((l) => l.split(','));
    const [header, ...body] = rows;
    expect(body.length).toBe(GOOD_ROWS - GOOD_EXCLUDED);
    const col = (name: string) => body.map((r) => r[header!.indexOf(name)]!);
    expect(col('status').every((s) => s === 'valid')).toBe(true);
    expect(col('weight').every((s) => s !== '')).toBe(true);
    expect(col('city').every((s) => ['paris', 'lyon', 'nice'].includes(s))).toBe(true);
    expect(col('note').filter((s) => s === 'none').length).toBe(5);
    expect(Math.max(...col('height').map(Number))).toBe(220);

    // the imputed median is the median of the weights that were there (numpy's definition)
    const source = lines(goodCsv())
      .slice(1)
      .map((l) => l.split(','))
      .filter((r) => r[5] === 'valid' && r[2] !== '')
      .map((r) => Number(r[2]))
      .sort((a, b) => a - b);
    const m = source.length / 2;
    const median = source.length % 2 ? source[Math.floor(m)]! : (source[m - 1]! + source[m]!) / 2;
    const imputed = report.repair!.transformations.find((x) => x.column === 'weight')!.parameters.value;
    expect(imputed).toBe(median);
  });

  it('writes the split named in the config, and checks each split', () => {
    for (const f of ['train.csv', 'validation.csv', 'test.csv', 'split.json'])
      expect(existsSync(ws.path(`out/splits/${f}`)), f).toBe(true);
    const sizes = report.split!.splits.map((s) => s.rows);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(GOOD_ROWS - GOOD_EXCLUDED);
    expect(report.splitChecks?.map((s) => s.split)).toEqual(['train', 'validation', 'test']);
  });

  it('JUnit: inconclusive verdicts are <skipped>, nothing is a <failure>', () => {
    expectJunitMatches(ws.path('reports/pass.xml'), report);
    expect(report.counts.inconclusive).toBeGreaterThan(0);
  });
});
