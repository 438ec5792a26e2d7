import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { workspace } from './support/run-cli.js';

const ws = workspace('vigie-cli-profile-');

/** numpy.quantile(..., method='linear'): h = (n - 1) q, interpolate between the neighbours. */
function numpyLinear(sorted: readonly number[], q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

function closeTo(actual: unknown, expected: number, label: string): void {
  expect(typeof actual, label).toBe('number');
  const a = actual as number;
  const err = expected === 0 ? Math.abs(a) : Math.abs(a - expected) / Math.abs(expected);
  expect(err, `${label}: got ${a}, expected ${expected}`).toBeLessThanOrEqual(1e-12);
}

const COLUMN_KEYS = [
  'name',
  'type',
  'count',
  'missing',
  'mean',
  'std',
  'min',
  'max',
  'quantiles',
  'distinct',
];
const QUANTILE_KEYS = ['0.05', '0.25', '0.5', '0.75', '0.95'];

// x: 9 values and one missing cell; k: integers; c: categories with one missing cell.
const X = [2, 4, 4, 4, 5, 5, 7, 9, 1.5];
const K = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3];
const C = ['a', 'b', 'a', 'c', 'a', 'b', 'a', 'c', 'a', ''];
const KNOWN_CSV = `x,k,c\n${K.map((k, i) => `${X[i] ?? ''},${k},${C[i]}`).join('\n')}\n`;

interface ProfileJson {
  schemaVersion: number;
  rows: number;
  columns: Array<Record<string, unknown> & { name: string; quantiles: Record<string, number> | null }>;
}

describe('vigie profile FILE --json', () => {
  it('prints only the profile JSON, with the contract fields and hand-computed values', async () => {
    ws.file('known.csv', KNOWN_CSV);
    const r = await ws.run(['profile', 'known.csv', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const p = JSON.parse(r.stdout) as ProfileJson;

    expect(p).toHaveProperty('schemaVersion');
    expect(typeof p.schemaVersion).toBe('number');
    expect(p.rows).toBe(10);
    expect(p.columns.map((c) => c.name)).toEqual(['x', 'k', 'c']);
    for (const c of p.columns) {
      for (const key of COLUMN_KEYS) expect(c, `${c.name}.${key}`).toHaveProperty(key);
    }
    const [x, k, c] = p.columns as [
      ProfileJson['columns'][number],
      ProfileJson['columns'][number],
      ProfileJson['columns'][number],
    ];

    // x by hand: n = 9, sum 41.5
    expect(x.type).toBe('numeric');
    expect(x.count).toBe(9);
    expect(x.missing).toBe(1);
    expect(x.distinct).toBe(6);
    expect(x.min).toBe(1.5);
    expect(x.max).toBe(9);
    const mean = 41.5 / 9;
    const ss = X.reduce((s, v) => s + (v - mean) ** 2, 0);
    closeTo(x.mean, mean, 'x.mean');
    closeTo(x.std, Math.sqrt(ss / 8), 'x.std (ddof 1)');
    closeTo(x.std, 2.3154073315749675, 'x.std (numpy.std(x, ddof=1))');
    expect(Object.keys(x.quantiles ?? {})).toEqual(expect.arrayContaining(QUANTILE_KEYS));
    // sorted: 1.5 2 4 4 4 5 5 7 9; h = 8q
    const expectedQ = { '0.05': 1.7, '0.25': 4, '0.5': 4, '0.75': 5, '0.95': 8.2 };
    const sorted = [...X].sort((a, b) => a - b);
    for (const [q, v] of Object.entries(expectedQ)) {
      closeTo(numpyLinear(sorted, Number(q)), v, `numpyLinear ${q}`);
      closeTo(x.quantiles?.[q], v, `x.quantiles[${q}]`);
    }

    expect(k.type).toBe('integer');
    expect(k.count).toBe(10);
    expect(k.missing).toBe(0);
    expect(k.distinct).toBe(7);
    closeTo(k.mean, 3.9, 'k.mean');
    const kss = K.reduce((s, v) => s + (v - 3.9) ** 2, 0);
    closeTo(k.std, Math.sqrt(kss / 9), 'k.std');
    closeTo(k.std, 2.4698178070456938, 'k.std (numpy.std(k, ddof=1))');
    closeTo(k.quantiles?.['0.5'], 3.5, 'k.median');
    closeTo(k.quantiles?.['0.95'], 7.65, 'k.quantiles[0.95]');

    expect(c.type).toBe('categorical');
    expect(c.count).toBe(9);
    expect(c.missing).toBe(1);
    expect(c.distinct).toBe(3);
    expect(c.mean).toBeNull();
    expect(c.std).toBeNull();
    expect(c.quantiles).toBeNull();
  });

  it('saves the profile with --out, prints the console summary, and leaves nothing else', async () => {
    ws.file('known.csv', KNOWN_CSV);
    const before = ws.files();
    const r = await ws.run(['profile', 'known.csv', '--out', 'known.profile.json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('known.csv');
    expect(r.stdout).toMatch(/^x\s+numeric\s/m);
    expect(r.stdout).toContain('profile saved to known.profile.json');
    expect(ws.files()).toEqual([...before, 'known.profile.json'].sort());
    const saved = JSON.parse(readFileSync(ws.path('known.profile.json'), 'utf8')) as ProfileJson & {
      kind: string;
    };
    expect(saved.kind).toBe('vigie.profile');
    expect(saved.rows).toBe(10);
  });
});

describe('vigie profile on awkward but valid data', () => {
  // n: every cell missing; k: constant; x: NaN, +inf and -inf among finite values
  const AWKWARD = 'x,k,n,c\n1,5,,a\nNaN,5,,a\ninf,5,,a\n-inf,5,,a\n2.5,5,,a\n4,5,,a\n';

  it('reports all-null and constant columns and counts infinite values (--json)', async () => {
    ws.file('awkward.csv', AWKWARD);
    const r = await ws.run(['profile', 'awkward.csv', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const p = JSON.parse(r.stdout) as ProfileJson;
    const col = (name: string) => p.columns.find((c) => c.name === name)!;
    expect(p.rows).toBe(6);

    // NaN is a missing value; the infinities are counted and left out of the moments
    expect(col('x').missing).toBe(1);
    expect(col('x').infinite).toBe(2);
    closeTo(col('x').mean, 2.5, 'mean of the finite values 1, 2.5, 4');
    closeTo(col('x').std, 1.5, 'std of the finite values');
    expect(col('x').min).toBe(1);
    expect(col('x').max).toBe(4);

    expect(col('k').std).toBe(0);
    expect(col('k').distinct).toBe(1);

    expect(col('n').missing).toBe(6);
    expect(col('n').count).toBe(0);
    expect(col('n').distinct).toBe(0);
  });

  it('says so in the console: missing share 100%, constant, infinite values', async () => {
    ws.file('awkward.csv', AWKWARD);
    const r = await ws.run(['profile', 'awkward.csv']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^n\s+\S+\s+100%/m);
    expect(r.stdout).toMatch(/note: k: constant/);
    expect(r.stdout).toMatch(/note: n: every value is missing/);
    expect(r.stdout).toMatch(/note: x: 2 infinite value/);
  });

  it('profiles a single row', async () => {
    ws.file('one.csv', 'x,c\n3.25,a\n');
    const r = await ws.run(['profile', 'one.csv', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const p = JSON.parse(r.stdout) as ProfileJson;
    expect(p.rows).toBe(1);
    const x = p.columns[0]!;
    expect(x.mean).toBe(3.25);
    expect(x.quantiles?.['0.5']).toBe(3.25);
    // ddof 1 on one value: undefined, written as null (JSON has no NaN)
    expect(x.std).toBeNull();
  });
});

describe('vigie profile --merge', () => {
  it('merges two saved partition profiles into the profile of their union', async () => {
    ws.file('part1.csv', 'x,c\n1,a\n2,b\n3,a\n');
    ws.file('part2.csv', 'x,c\n4,a\n5,c\n');
    const a = await ws.run(['profile', 'part1.csv', '--out', 'p1.json']);
    const b = await ws.run(['profile', 'part2.csv', '--out', 'p2.json']);
    expect([a.code, b.code]).toEqual([0, 0]);
    const r = await ws.run(['profile', '--merge', 'p1.json', 'p2.json', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const p = JSON.parse(r.stdout) as ProfileJson;
    expect(p.rows).toBe(5);
    const x = p.columns.find((c) => c.name === 'x')!;
    closeTo(x.mean, 3, 'merged mean');
    closeTo(x.std, Math.sqrt(2.5), 'merged std');
    expect(x.quantiles?.['0.5']).toBe(3);
  });
});

describe('vigie profile --threads', () => {
  it('gives the same profile on worker threads as on one thread', async () => {
    const rows = Array.from(
      { length: 400 },
      (_, i) => `${(i * 37) % 101},${i % 7 === 0 ? '' : i / 3},${'abc'[i % 3]}`,
    );
    ws.file('threads.csv', `x,y,c\n${rows.join('\n')}\n`);
    const one = await ws.run(['profile', 'threads.csv', '--json', '--threads', '1']);
    const two = await ws.run(['profile', 'threads.csv', '--json', '--threads', '2']);
    expect([one.code, two.code, one.stderr, two.stderr]).toEqual([0, 0, '', '']);
    expect(JSON.parse(two.stdout)).toEqual(JSON.parse(one.stdout));
  });
});
