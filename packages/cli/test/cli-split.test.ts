import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, lines, runCli, workspace } from './support/run-cli.js';

const ws = workspace('vigie-cli-split-');
const SPLITS = ['train', 'validation', 'test'] as const;
const FILES = [...SPLITS.map((s) => `${s}.csv`), 'split.json'];

interface SplitJson {
  schemaVersion: number;
  rows: number;
  seed: number;
  method: string;
  splits: Array<{ name: string; rows: number; share: number }>;
  stratification: { column: string; maxDeviation: number } | null;
  leakage: Array<Record<string, unknown>>;
  verdicts: Array<{ check: string; status: string; reason: string }>;
  files: Record<string, string>;
}

/** Imbalanced classes (101, 37, 13, 7, 2 rows) so that stratification has something to do. */
function labelledCsv(): string {
  const sizes: Array<[string, number]> = [
    ['a', 101],
    ['b', 37],
    ['c', 13],
    ['d', 7],
    ['e', 2],
  ];
  const rows: string[] = ['id,x,w,y'];
  let i = 0;
  for (const [label, n] of sizes)
    for (let k = 0; k < n; k++, i++) rows.push(`k${i},${((i * 37) % 101) / 4},${(i * 13) % 29},${label}`);
  return `${rows.join('\n')}\n`;
}

/** Rows of a written split file, as arrays of cells (header dropped). */
function splitRows(dir: string, split: string): string[][] {
  return lines(readFileSync(join(dir, `${split}.csv`), 'utf8'))
    .slice(1)
    .map((l) => l.split(','));
}

describe('vigie split FILE --label COL --seed N --out DIR', () => {
  let first: CliResult;
  let second: CliResult;
  let json: SplitJson;

  beforeAll(async () => {
    // The same command in two folders, so that even split.json (which names the files) can match.
    for (const run of ['a', 'b']) {
      mkdirSync(ws.path(run));
      writeFileSync(ws.path(`${run}/data.csv`), labelledCsv());
    }
    const args = ['split', 'data.csv', '--label', 'y', '--seed', '7', '--out', 'out'];
    first = await runCli(args, { cwd: ws.path('a') });
    second = await runCli([...args, '--json'], { cwd: ws.path('b') });
    json = JSON.parse(second.stdout) as SplitJson;
  });

  it('writes train/validation/test files and split.json, and prints a summary', () => {
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    for (const s of SPLITS) expect(first.stdout).toMatch(new RegExp(`^${s}\\s+\\d+`, 'm'));
    expect(first.stdout).toContain('out/split.json');
    expect(first.stdout).toMatch(/split:leakage/);
    const sizes = SPLITS.map((s) => splitRows(ws.path('a/out'), s).length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(160);
    expect(sizes).toEqual([128, 16, 16]);
  });

  it('--json prints the machine form and nothing else', () => {
    expect(second.stderr).toBe('');
    expect(second.code).toBe(0);
    expect(json.rows).toBe(160);
    expect(json.seed).toBe(7);
    expect(json.splits.map((s) => s.name)).toEqual([...SPLITS]);
    expect(json.splits.map((s) => s.rows)).toEqual([128, 16, 16]);
    expect(Object.keys(json.files).sort()).toEqual(['test', 'train', 'validation']);
    expect(json.leakage).toEqual([]);
    expect(json.verdicts.find((v) => v.check === 'split:leakage')?.status).toBe('pass');
  });

  it('is deterministic: the same seed gives byte-identical files', () => {
    for (const f of FILES) {
      const a = readFileSync(ws.path(`a/out/${f}`));
      const b = readFileSync(ws.path(`b/out/${f}`));
      expect(a.equals(b), f).toBe(true);
    }
  });

  it('stratifies: every class within one row of its share in every split', () => {
    const ratios = { train: 0.8, validation: 0.1, test: 0.1 };
    const perSplit = Object.fromEntries(
      SPLITS.map((s) => [s, splitRows(ws.path('a/out'), s).map((r) => r[3]!)]),
    );
    const totals = new Map<string, number>();
    for (const s of SPLITS) for (const y of perSplit[s]!) totals.set(y, (totals.get(y) ?? 0) + 1);
    expect([...totals.values()].sort((a, b) => b - a)).toEqual([101, 37, 13, 7, 2]);
    for (const [label, total] of totals) {
      for (const s of SPLITS) {
        const got = perSplit[s]!.filter((y) => y === label).length;
        expect(Math.abs(got - total * ratios[s]), `${label} in ${s}`).toBeLessThanOrEqual(1);
      }
    }
    expect(json.stratification?.maxDeviation).toBeLessThanOrEqual(1);
    expect(json.verdicts.find((v) => v.check === 'split:stratification')?.status).toBe('pass');
  });
});

describe('vigie split --key: stable when rows are appended', () => {
  it('keeps every old row in its split', async () => {
    // unique features: rows identical apart from the key would be reported as leakage
    const row = (i: number) => `u${i * 7919},${i * 1.5},${i % 3 === 0 ? 'p' : 'q'}`;
    const v1 = ['id,x,y', ...Array.from({ length: 200 }, (_, i) => row(i))];
    const v2 = [...v1, ...Array.from({ length: 60 }, (_, i) => row(200 + i))];
    ws.file('v1.csv', `${v1.join('\n')}\n`);
    ws.file('v2.csv', `${v2.join('\n')}\n`);
    const common = ['--label', 'y', '--key', 'id', '--seed', '3', '--json'];
    const r1 = await ws.run(['split', 'v1.csv', ...common, '--out', 'v1']);
    const r2 = await ws.run(['split', 'v2.csv', ...common, '--out', 'v2']);
    expect([r1.code, r2.code, r1.stderr, r2.stderr]).toEqual([0, 0, '', '']);
    expect((JSON.parse(r2.stdout) as SplitJson).method).toBe('key-hash');

    const membership = (dir: string) => {
      const m = new Map<string, string>();
      for (const s of SPLITS) for (const r of splitRows(ws.path(dir), s)) m.set(r[0]!, s);
      return m;
    };
    const before = membership('v1');
    const after = membership('v2');
    expect(before.size).toBe(200);
    expect(after.size).toBe(260);
    const moved = [...before].filter(([id, s]) => after.get(id) !== s);
    expect(moved).toEqual([]);
    // the appended rows are spread over the splits too
    const added = [...after].filter(([id]) => !before.has(id)).map(([, s]) => s);
    expect(new Set(added).size).toBeGreaterThan(1);
  });
});

describe('vigie split: planted leakage', () => {
  it('duplicated rows across splits: exit 1 and the leakage is named', async () => {
    const rows = Array.from({ length: 100 }, (_, i) => `${i % 10},${i % 3},${'ab'[i % 2]}`);
    ws.file('dup.csv', `f1,f2,label\n${rows.join('\n')}\n`);
    const r = await ws.run(['split', 'dup.csv', '--label', 'label', '--out', 'dup-out']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^FAIL\s+split:leakage\s+.*identical rows/m);
  });

  it('a shared id across splits: exit 1 and the column is named', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => `${i},u${i % 20},${i * 1.5},${'ab'[i % 2]}`);
    ws.file('grp.csv', `n,user,f1,label\n${rows.join('\n')}\n`);
    const r = await ws.run([
      'split',
      'grp.csv',
      '--label',
      'label',
      '--type',
      'user=id',
      '--out',
      'grp-out',
      '--json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const s = JSON.parse(r.stdout) as SplitJson;
    const leakage = s.verdicts.find((v) => v.check === 'split:leakage')!;
    expect(leakage.status).toBe('fail');
    expect(leakage.reason).toMatch(/user/);
    expect(s.leakage.length).toBeGreaterThan(0);
  });

  it('--group keeps each group in one split: no leakage', async () => {
    const r = await ws.run([
      'split',
      'grp.csv',
      '--label',
      'label',
      '--group',
      'user',
      '--type',
      'user=id',
      '--out',
      'grp-grouped',
      '--json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as SplitJson;
    expect(s.verdicts.find((v) => v.check === 'split:leakage')?.status).toBe('pass');
    const groups = SPLITS.map((sp) => new Set(splitRows(ws.path('grp-grouped'), sp).map((row) => row[1])));
    for (const u of groups[0]!) expect(groups[1]!.has(u) || groups[2]!.has(u)).toBe(false);
  });
});
