import { describe, expect, it } from 'vitest';
import { expectGolden, loadGolden, PVALUE_TOL, STAT_TOL } from '../../core/test/support/golden.js';
import { expectSelfContainedHtml } from './support/html.js';
import { workspace } from './support/run-cli.js';

/** Written by scripts/goldens/cli_drift.py: two CSV datasets and scipy's ks_2samp per column. */
interface DriftGolden {
  threshold: number;
  reference_csv: string;
  current_csv: string;
  columns: Array<{
    name: string;
    referenceSize: number;
    currentSize: number;
    statistic: number;
    pvalue: number;
    pvalueAdjusted: number;
    drift: boolean;
    clear: 'drift' | 'no drift' | 'unclear';
  }>;
  datasetDrift: { drift: boolean; share: number };
}

interface DriftColumn {
  name: string;
  type: string;
  method: string;
  statistic: number | null;
  pvalue: number | null;
  pvalueAdjusted: number | null;
  threshold: number;
  drift: boolean | null;
  status: string;
  referenceSize: number;
  currentSize: number;
  /** False when a saved profile stood in for the reference data. */
  exact: boolean;
}

interface DriftJson {
  schemaVersion: number;
  datasetDrift: { drift: boolean; share: number };
  columns: DriftColumn[];
}

const COLUMN_KEYS = [
  'name',
  'type',
  'method',
  'statistic',
  'pvalue',
  'pvalueAdjusted',
  'threshold',
  'drift',
  'status',
];

const golden = loadGolden<DriftGolden>('cli_drift');
const ws = workspace('vigie-cli-drift-');
ws.file('ref.csv', golden.reference_csv);
ws.file('cur.csv', golden.current_csv);

function expectContract(d: DriftJson): void {
  expect(typeof d.schemaVersion).toBe('number');
  expect(typeof d.datasetDrift.drift).toBe('boolean');
  expect(typeof d.datasetDrift.share).toBe('number');
  for (const c of d.columns) for (const key of COLUMN_KEYS) expect(c, `${c.name}.${key}`).toHaveProperty(key);
}

describe('vigie drift REF CUR --json', () => {
  it('--method ks: statistic and p-value of each numeric column equal scipy.stats.ks_2samp', async () => {
    const r = await ws.run(['drift', 'ref.csv', 'cur.csv', '--method', 'ks', '--json']);
    expect(r.stderr).toBe('');
    // 2 of 8 columns drift: below the default dataset share of 0.5
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout) as DriftJson;
    expectContract(d);
    expect(d.columns.map((c) => c.name)).toEqual(golden.columns.map((c) => c.name));
    for (const g of golden.columns) {
      const c = d.columns.find((x) => x.name === g.name)!;
      expect(c.method, g.name).toBe('ks');
      expect(c.referenceSize, g.name).toBe(g.referenceSize);
      expect(c.currentSize, g.name).toBe(g.currentSize);
      expectGolden('cli drift ks statistic', c.statistic!, g.statistic, STAT_TOL, g.name);
      expectGolden('cli drift ks pvalue', c.pvalue!, g.pvalue, PVALUE_TOL, g.name);
      expectGolden('cli drift fdr_bh pvalue', c.pvalueAdjusted!, g.pvalueAdjusted, PVALUE_TOL, g.name);
      expect(c.threshold, g.name).toBe(golden.threshold);
      expect(c.drift, g.name).toBe(g.drift);
      expect(c.status, g.name).toBe(g.drift ? 'fail' : 'pass');
    }
    expect(d.datasetDrift.drift).toBe(golden.datasetDrift.drift);
    expect(d.datasetDrift.share).toBeCloseTo(golden.datasetDrift.share, 12);
  });

  it('--method wasserstein: distances have a null p-value; --html writes the report', async () => {
    const r = await ws.run([
      'drift',
      'ref.csv',
      'cur.csv',
      '--method',
      'wasserstein',
      '--json',
      '--html',
      'drift.html',
    ]);
    expect(r.stderr).toBe('');
    expect([0, 1]).toContain(r.code);
    const d = JSON.parse(r.stdout) as DriftJson;
    expectContract(d);
    for (const c of d.columns) {
      expect(c.method, c.name).toBe('wasserstein');
      expect(c.pvalue, c.name).toBeNull();
      expect(c.pvalueAdjusted, c.name).toBeNull();
      expect(typeof c.statistic, c.name).toBe('number');
    }
    expect(d.columns.find((c) => c.name === 'shifted')?.drift).toBe(true);
    expect(d.columns.find((c) => c.name === 'same')?.drift).toBe(false);
    expectSelfContainedHtml(ws.path('drift.html'));
  });

  it('a saved profile as the reference gives the same decisions on clearly (un)drifted columns', async () => {
    const saved = await ws.run(['profile', 'ref.csv', '--out', 'ref.profile.json']);
    expect(saved.code).toBe(0);
    const r = await ws.run(['drift', 'ref.profile.json', 'cur.csv', '--method', 'ks', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout) as DriftJson;
    expectContract(d);
    const clear = golden.columns.filter((g) => g.clear !== 'unclear');
    expect(clear.length).toBeGreaterThanOrEqual(6);
    for (const g of clear) {
      const c = d.columns.find((x) => x.name === g.name)!;
      expect(c.drift, g.name).toBe(g.clear === 'drift');
      expect(typeof c.exact).toBe('boolean');
    }
  });

  it('--threads 2 compares the numeric columns on worker threads with the same result', async () => {
    const one = await ws.run(['drift', 'ref.csv', 'cur.csv', '--json', '--threads', '1']);
    const two = await ws.run(['drift', 'ref.csv', 'cur.csv', '--json', '--threads', '2']);
    expect([one.code, two.code, one.stderr, two.stderr]).toEqual([0, 0, '', '']);
    expect(JSON.parse(two.stdout)).toEqual(JSON.parse(one.stdout));
  });

  it('exit code 1 and a console table when the dataset drifts (--share 0.25)', async () => {
    const r = await ws.run(['drift', 'ref.csv', 'cur.csv', '--method', 'ks', '--share', '0.25']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/dataset drift/);
    for (const g of golden.columns) expect(r.stdout).toMatch(new RegExp(`^\\w+\\s+${g.name}\\s`, 'm'));
  });

  it('one current row: every column inconclusive, no dataset drift, exit 0', async () => {
    const [header, first] = golden.current_csv.split('\n');
    ws.file('one.csv', `${header}\n${first}\n`);
    const r = await ws.run(['drift', 'ref.csv', 'one.csv', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout) as DriftJson;
    expectContract(d);
    for (const c of d.columns) {
      expect(c.status, c.name).toBe('inconclusive');
      expect(c.drift, c.name).toBeNull();
      expect(c.statistic, c.name).toBeNull();
    }
    expect(d.datasetDrift.drift).toBe(false);
  });
});
