import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lines, listFiles, runCli, workspace } from './support/run-cli.js';

const ws = workspace('vigie-cli-errors-');

const GOOD_CSV = `a,b\n${Array.from({ length: 40 }, (_, i) => `${i},${i % 3}`).join('\n')}\n`;
/** 840 rows: more than a 1KB memory budget holds. */
const BIG_CSV = `${GOOD_CSV}${GOOD_CSV.split('\n').slice(1).join('\n').repeat(20)}`;

/** A config whose outputs (repair, split, reports) must never appear when the run errors. */
function configFor(data: string, checks = '  - { check: range, column: a, min: 0 }'): string {
  return `data: ${data}
repair:
  output: out/repaired.csv
  rules:
    - { action: clip, column: a, min: 0 }
split:
  output: out/splits
reports:
  junit: out/junit.xml
checks:
${checks}
`;
}

interface BadInput {
  name: string;
  files: Record<string, string | Uint8Array | (() => Uint8Array)>;
  args: string[];
  /** The one error line must match this (the file, and the line/column where known). */
  message: RegExp;
  /** Paths the command was asked to write, which must not exist afterwards. */
  outputs: string[];
}

const PROFILE_OUTPUTS = ['--json', '--out', 'p.json', '--html', 'p.html'];
const CHECK_OUTPUTS = ['--json', '--html', 'out/report.html'];
const CHECK_WRITES = ['out/', 'out/repaired.csv', 'out/splits', 'out/junit.xml', 'out/report.html'];

let parquetBytes: Uint8Array;

const CASES: BadInput[] = [
  {
    name: 'a missing file',
    files: { 'ref.csv': GOOD_CSV },
    args: ['drift', 'ref.csv', 'nope.csv', '--json', '--html', 'd.html'],
    message: /nope\.csv: no such file/,
    outputs: ['d.html'],
  },
  {
    name: 'an empty file',
    files: { 'empty.csv': '' },
    args: ['profile', 'empty.csv', ...PROFILE_OUTPUTS],
    message: /empty\.csv: .*empty/,
    outputs: ['p.json', 'p.html'],
  },
  {
    name: 'a header only',
    files: { 'header.csv': 'a,b,label\n' },
    args: ['split', 'header.csv', '--label', 'label', '--out', 'splits', '--json'],
    message: /header\.csv: .*no data rows/,
    outputs: ['splits'],
  },
  {
    name: 'ragged rows',
    files: { 'ragged.csv': 'a,b\n1,2\n3,4,5\n6,7\n', 'vigie.yaml': configFor('ragged.csv') },
    args: ['check', ...CHECK_OUTPUTS],
    message: /ragged\.csv:3: expected 2 fields/,
    outputs: CHECK_WRITES,
  },
  {
    name: 'a wrong delimiter',
    files: { 'semi.csv': 'a;b\n1;2\n3;4\n' },
    args: ['profile', 'semi.csv', '--delimiter', ',', ...PROFILE_OUTPUTS],
    message: /semi\.csv:1: .*delimiter.*";"/,
    outputs: ['p.json', 'p.html'],
  },
  {
    name: 'non-UTF-8 bytes',
    files: {
      'ref.csv': GOOD_CSV,
      'latin.csv': Uint8Array.from([...Buffer.from('a,b\n1,caf'), 0xe9, ...Buffer.from('\n2,x\n')]),
    },
    args: ['drift', 'ref.csv', 'latin.csv', '--json', '--html', 'd.html'],
    message: /latin\.csv:2: .*UTF-8/,
    outputs: ['d.html'],
  },
  {
    name: 'a truncated Parquet file',
    files: { 'truncated.parquet': () => parquetBytes.subarray(0, Math.floor(parquetBytes.length / 2)) },
    args: ['profile', 'truncated.parquet', ...PROFILE_OUTPUTS],
    message: /truncated\.parquet: .*Parquet/,
    outputs: ['p.json', 'p.html'],
  },
  {
    name: 'a CSV file named .parquet',
    files: { 'fake.parquet': GOOD_CSV },
    args: ['split', 'fake.parquet', '--out', 'splits', '--json'],
    message: /fake\.parquet: not a Parquet file/,
    outputs: ['splits'],
  },
  {
    name: 'a config naming a column the data lacks',
    files: {
      'data.csv': GOOD_CSV,
      'vigie.yaml': configFor('data.csv', '  - { check: range, column: zz, min: 0 }'),
    },
    args: ['check', ...CHECK_OUTPUTS, '--junit', 'out/cli-junit.xml'],
    message: /data\.csv: no column "zz"/,
    outputs: [...CHECK_WRITES, 'out/cli-junit.xml'],
  },
  {
    name: 'a YAML syntax error',
    files: {
      'data.csv': GOOD_CSV,
      'vigie.yaml': 'data: data.csv\nchecks:\n  - check: range\n    column: a\n   min: [0\n',
    },
    args: ['check', ...CHECK_OUTPUTS],
    message: /vigie\.yaml:5: invalid YAML/,
    outputs: CHECK_WRITES,
  },
  {
    name: 'an unknown check',
    files: {
      'data.csv': GOOD_CSV,
      'vigie.yaml': configFor('data.csv', '  - { check: range, column: a }\n  - check: frob\n    column: a'),
    },
    args: ['check', ...CHECK_OUTPUTS],
    message: /vigie\.yaml:12: .*unknown check "frob"/,
    outputs: CHECK_WRITES,
  },
  {
    name: 'a value of the wrong type',
    files: {
      'data.csv': GOOD_CSV,
      'vigie.yaml': configFor('data.csv', '  - check: range\n    column: a\n    min: zero'),
    },
    args: ['check', ...CHECK_OUTPUTS],
    message: /vigie\.yaml:13: checks\[0\]\.min: .*number/,
    outputs: CHECK_WRITES,
  },
  {
    name: 'a file larger than the memory budget',
    files: { 'data.csv': BIG_CSV },
    args: ['profile', 'data.csv', '--max-memory', '1KB', ...PROFILE_OUTPUTS],
    message: /data\.csv: .*memory.*--sample/,
    outputs: ['p.json', 'p.html'],
  },
];

describe('bad input: one line on stderr, exit code 2, nothing written', () => {
  beforeAll(async () => {
    // a real Parquet file to truncate, written by the CLI itself
    const dir = ws.path('make-parquet');
    mkdirSync(dir);
    writeFileSync(join(dir, 'data.csv'), GOOD_CSV);
    const r = await runCli(['split', 'data.csv', '--out', 'pq', '--output-format', 'parquet', '--json'], {
      cwd: dir,
    });
    expect(r.stderr).toBe('');
    parquetBytes = readFileSync(join(dir, 'pq', 'train.parquet'));
  });

  it.each(CASES)('$name', async (c) => {
    const dir = ws.path(c.name.replace(/\W+/g, '-'));
    mkdirSync(dir);
    for (const [name, content] of Object.entries(c.files))
      writeFileSync(join(dir, name), typeof content === 'function' ? content() : content);
    const before = listFiles(dir);

    const r = await runCli(c.args, { cwd: dir });

    expect(r.code, r.stderr).toBe(2);
    const err = lines(r.stderr);
    expect(err, r.stderr).toHaveLength(1);
    expect(err[0]).toMatch(/^vigie: error: /);
    expect(err[0]).toMatch(c.message);
    expect(r.stderr).not.toMatch(/^ {4}at /m);
    expect(r.stdout).toBe('');
    for (const out of c.outputs) expect(existsSync(join(dir, out)), `${out} was left behind`).toBe(false);
    expect(listFiles(dir)).toEqual(before);
  });
});

describe('the memory budget message', () => {
  it('states the sizes in a readable unit', async () => {
    ws.file('memory.csv', BIG_CSV);
    const r = await ws.run(['profile', 'memory.csv', '--max-memory', '1KB']);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/0\.000 GB/);
    expect(r.stderr).toMatch(/\b1(\.0)? ?kB\b|\b1,?000 bytes\b/i);
  });
});

describe('usage errors: one line and a hint, exit code 2', () => {
  beforeAll(() => {
    ws.file('data.csv', GOOD_CSV);
  });

  it.each([
    { args: ['frobnicate'], message: /unknown command 'frobnicate'/ },
    { args: ['profile', 'data.csv', '--bogus'], message: /unknown option '--bogus'/ },
    { args: ['drift', 'data.csv'], message: /missing required argument 'current'/ },
    { args: ['split', 'data.csv', '--label', 'b'], message: /required option '--out <dir>'/ },
  ])('vigie $args.0 ...: $message', async ({ args, message }) => {
    const r = await ws.run(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const [first, hint, ...rest] = lines(r.stderr);
    expect(first).toMatch(/^vigie: error: /);
    expect(first).toMatch(message);
    expect(hint).toMatch(/--help/);
    expect(rest).toEqual([]);
  });

  it('--debug shows the stack trace', async () => {
    const r = await ws.run(['profile', 'nope.csv', '--debug']);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)[0]).toMatch(/^vigie: error: nope\.csv: no such file/);
    expect(r.stderr).toMatch(/^ {4}at /m);
  });
});

describe('awkward data that is not an error', () => {
  it('all-null, constant, NaN and ±Infinity columns: checks run and report them', async () => {
    ws.file('awkward.csv', 'x,k,n\n1,5,\nNaN,5,\ninf,5,\n-inf,5,\n2.5,5,\n4,5,\n');
    ws.file(
      'awkward.yaml',
      `data: awkward.csv
checks:
  - { check: not_null, column: n }
  - { check: missing, name: "missing:n-allowed", column: n, max_share: 1 }
  - { check: range, column: x, min: 0, max: 10 }
  - { check: outliers, column: x, method: zscore }
  - { check: outliers, column: k, method: robust_zscore }
  - { check: outliers, name: "outliers:k-iqr", column: k, method: iqr }
`,
    );
    const r = await ws.run(['check', '--config', 'awkward.yaml', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as {
      verdicts: Array<{ check: string; status: string; reason: string }>;
    };
    const v = (check: string) => report.verdicts.find((x) => x.check === check)!;
    expect(v('not_null:n').status).toBe('fail');
    expect(v('not_null:n').reason).toMatch(/6 of 6 .*100%/);
    expect(v('missing:n-allowed').status).toBe('pass');
    // the infinities are values outside [0, 10]; NaN is missing
    expect(v('range:x').status).toBe('fail');
    expect(v('range:x').reason).toMatch(/^2 of 5 /);
    // ±Infinity is as far out as a value gets: both are outliers, the finite values are not
    expect(v('outliers:x').status).toBe('fail');
    expect(v('outliers:x').reason).toMatch(/^2 of 5 outliers/);
    expect(['pass', 'inconclusive']).toContain(v('outliers:k').status);
    expect(['pass', 'inconclusive']).toContain(v('outliers:k-iqr').status);
  });

  it('one row: checks work and drift is inconclusive', async () => {
    ws.file('one.csv', 'a,b\n7,1\n');
    ws.file(
      'one.yaml',
      `data: one.csv
checks:
  - { check: row_count, min: 1 }
  - { check: range, column: a, min: 0 }
  - { check: drift, reference: data.csv }
`,
    );
    const r = await ws.run(['check', '--config', 'one.yaml', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { verdicts: Array<{ check: string; status: string }> };
    expect(report.verdicts.map((v) => [v.check, v.status])).toEqual([
      ['row_count', 'pass'],
      ['range:a', 'pass'],
      ['drift', 'inconclusive'],
    ]);
  });
});
