import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/support/temp.js';
import { VigieError } from '../../errors/index.js';
import { type DuckDb, openDuckDb } from '../duckdb/open.js';
import { formatValue } from '../storage.js';
import { getColumn } from '../table.js';
import { writeTable } from '../write/write-table.js';
import { readTable } from './read-table.js';

let db: DuckDb;
beforeAll(async () => {
  db = await openDuckDb({ threads: 1 });
});
afterAll(() => db.close());

const tmp = tempDir();

async function readError(path: string, options = {}): Promise<VigieError> {
  try {
    await readTable(db, path, options);
  } catch (e) {
    if (e instanceof VigieError) return e;
    throw e;
  }
  throw new Error(`expected ${path} to fail`);
}

describe('readTable: types', () => {
  it('infers numeric, integer, boolean, categorical, datetime, text and id columns', async () => {
    const rows = ['id,score,count,flag,colour,day,note'];
    for (let i = 0; i < 60; i++) {
      rows.push(
        `u${i},${(i * 1.5).toFixed(1)},${i % 7},${i % 2 === 0 ? 'true' : 'false'},${['red', 'green', 'blue'][i % 3]},2024-01-${String((i % 28) + 1).padStart(2, '0')},"free text number ${i} with enough words to be long enough, really"`,
      );
    }
    const t = await readTable(db, tmp.file('types.csv', `${rows.join('\n')}\n`));
    expect(Object.fromEntries(t.columns.map((c) => [c.name, c.type]))).toEqual({
      id: 'id',
      score: 'numeric',
      count: 'integer',
      flag: 'boolean',
      colour: 'categorical',
      day: 'datetime',
      note: 'text',
    });
    const day = getColumn(t, 'day');
    expect(formatValue(day, 0)).toBe('2024-01-01T00:00:00.000Z');
  });

  it('reads pandas-style missing markers and text numbers, including NaN and infinities', async () => {
    const t = await readTable(db, tmp.file('na.csv', 'a,b,c\n1,NA,x\n2,inf,\nNaN,-Infinity,y\n4,5,N/A\n'));
    const a = getColumn(t, 'a');
    const b = getColumn(t, 'b');
    expect(a.type).toBe('integer');
    expect(b.type).toBe('numeric');
    expect(b.storage === 'float64' && Array.from(b.values)).toEqual([
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      5,
    ]);
    const c = getColumn(t, 'c');
    expect([0, 1, 2, 3].map((i) => formatValue(c, i))).toEqual(['x', null, 'y', null]);
  });

  it('applies type overrides and names the row and column of a value that does not fit', async () => {
    const path = tmp.file('override.csv', 'zip,v\n01234,1\n99999,2\nabc,3\n');
    const t = await readTable(db, path, { types: { zip: 'categorical' } });
    expect(formatValue(getColumn(t, 'zip'), 0)).toBe('01234');
    const e = await readError(tmp.file('override2.csv', 'v\n1\n2\nabc\n'), { types: { v: 'numeric' } });
    expect(e.code).toBe('TYPE_MISMATCH');
    expect(e.message).toMatch(/row 3, column "v": value "abc" is not a number/);
  });

  it('reads Parquet and JSON Lines', async () => {
    const csv = await readTable(db, tmp.file('round.csv', 'a,b\n1,x\n2,y\n'));
    const pq = `${tmp.dir}/round.parquet`;
    await writeTable(db, csv, pq);
    const fromPq = await readTable(db, pq);
    expect(fromPq.rowCount).toBe(2);
    const jl = await readTable(db, tmp.file('rows.jsonl', '{"a":1,"b":"x"}\n{"a":2,"b":null}\n'));
    expect(jl.columns.map((c) => c.type)).toEqual(['integer', 'categorical']);
    expect(formatValue(getColumn(jl, 'b'), 1)).toBeNull();
  });

  it('decodes high-cardinality text exactly: unique or repeated, ASCII or not, short or long, with nulls', async () => {
    // Above 50,000 distinct values text is decoded in JavaScript from DuckDB's string vectors.
    const n = 60_000;
    const expected = { key: [] as (string | null)[], short: [] as (string | null)[], long: [] as string[] };
    const rows = ['key,short,long'];
    for (let i = 0; i < n; i++) {
      const key = i === 7 ? null : `k${i}`;
      const short = i % 1000 === 3 ? null : `é${i}`;
      const long = `${i % 2 === 0 ? 'café' : 'plain'} value number ${i % 55_000}`;
      expected.key.push(key);
      expected.short.push(short);
      expected.long.push(long);
      rows.push(`${key ?? ''},${short ?? ''},${long}`);
    }
    const t = await readTable(db, tmp.file('wide-text.csv', `${rows.join('\n')}\n`));
    expect(t.columns.map((c) => c.type)).toEqual(['id', 'id', 'text']);
    for (const name of ['key', 'short', 'long'] as const) {
      const col = getColumn(t, name);
      const want = expected[name];
      const got = Array.from({ length: n }, (_, i) => formatValue(col, i));
      expect(got).toEqual(want);
      // Codes follow first appearance, as dictColumnFromStrings numbers them.
      const firsts = [...new Set(want.filter((v) => v !== null))];
      expect(col.storage === 'dict' && col.dictionary).toEqual(firsts);
    }
  });

  it('reads a seeded sample and only the requested columns', async () => {
    const rows = ['a,b'];
    for (let i = 0; i < 1000; i++) rows.push(`${i},${i % 3}`);
    const path = tmp.file('many.csv', `${rows.join('\n')}\n`);
    const s1 = await readTable(db, path, { sampleRows: 100, seed: 3, columns: ['b'] });
    const s2 = await readTable(db, path, { sampleRows: 100, seed: 3, columns: ['b'] });
    expect(s1.rowCount).toBe(100);
    expect(s1.columns.map((c) => c.name)).toEqual(['b']);
    expect(Array.from(s1.columns[0]!.storage === 'float64' ? s1.columns[0]!.values : [])).toEqual(
      Array.from(s2.columns[0]!.storage === 'float64' ? s2.columns[0]!.values : []),
    );
  });
});

describe('readTable: bad input gets one clear line', () => {
  it('a missing file', async () => {
    const e = await readError(`${tmp.dir}/nope.csv`);
    expect(e.code).toBe('FILE_NOT_FOUND');
    expect(e.message).toBe(`${tmp.dir}/nope.csv: no such file`);
  });

  it('an empty file and a header only', async () => {
    expect((await readError(tmp.file('empty.csv', ''))).message).toMatch(/empty\.csv: the file is empty$/);
    const e = await readError(tmp.file('header.csv', 'a,b,c\n'));
    expect(e.code).toBe('EMPTY_INPUT');
    expect(e.message).toMatch(/header\.csv: has a header but no data rows$/);
  });

  it('ragged rows, with the line', async () => {
    const e = await readError(tmp.file('ragged.csv', 'a,b,c\n1,2,3\n4,5\n6,7,8\n'));
    expect(e.code).toBe('PARSE_ERROR');
    expect(e.message).toMatch(/ragged\.csv:3: expected 3 fields \(as in the header\), found 2$/);
  });

  it('a ragged row far down the file', async () => {
    const rows = ['a,b,c'];
    for (let i = 0; i < 30000; i++) rows.push(`${i},${i},${i}`);
    rows.push('1,2,3,4');
    const e = await readError(tmp.file('ragged-late.csv', `${rows.join('\n')}\n`));
    expect(e.message).toMatch(/ragged-late\.csv:30002: expected 3 fields \(as in the header\), found 4$/);
  });

  it('a wrong delimiter given explicitly', async () => {
    const e = await readError(tmp.file('semi.csv', 'a;b;c\n1;2;3\n'), { delimiter: ',' });
    expect(e.message).toMatch(
      /semi\.csv:1: only one column was found with delimiter ",", but the header contains ";"/,
    );
  });

  it('detects a semicolon or tab delimiter by itself', async () => {
    const t = await readTable(db, tmp.file('tab.tsv', 'a\tb\n1\t2\n'));
    expect(t.columns.map((c) => c.name)).toEqual(['a', 'b']);
  });

  it('non-UTF-8 bytes', async () => {
    const e = await readError(tmp.file('latin1.csv', Buffer.from('a,b\n1,caf\xe9\n', 'latin1')));
    expect(e.code).toBe('PARSE_ERROR');
    expect(e.message).toMatch(/latin1\.csv:\d+: invalid UTF-8 byte sequence/);
    const t = await readTable(db, `${tmp.dir}/latin1.csv`, { encoding: 'latin-1' });
    expect(formatValue(getColumn(t, 'b'), 0)).toBe('café');
  });

  it('a truncated or fake Parquet file', async () => {
    const e = await readError(tmp.file('fake.parquet', 'PAR1 this is not parquet'));
    expect(e.code).toBe('PARSE_ERROR');
    expect(e.message).toMatch(/fake\.parquet: not a Parquet file, or a truncated one$/);
  });

  it('malformed JSON Lines, with the line', async () => {
    const e = await readError(tmp.file('bad.jsonl', '{"a":1}\n{"a":2}\n{"a":\n'));
    expect(e.message).toMatch(/bad\.jsonl:\d+: malformed JSON/);
  });

  it('a requested column the data lacks', async () => {
    const e = await readError(tmp.file('cols.csv', 'a,b\n1,2\n'), { types: { c: 'numeric' } });
    expect(e.code).toBe('COLUMN_NOT_FOUND');
    expect(e.message).toMatch(/cols\.csv: no column "c" \(given a type in the config\); columns: a, b$/);
  });

  it('more data than the memory budget', async () => {
    const rows = ['a,b'];
    for (let i = 0; i < 5000; i++) rows.push(`${i},${i}`);
    const e = await readError(tmp.file('big.csv', `${rows.join('\n')}\n`), { maxMemoryBytes: 10_000 });
    expect(e.code).toBe('INPUT_TOO_LARGE');
    expect(e.message).toMatch(
      /big\.csv: needs about .* of memory, more than the .* allowed; read a sample \(--sample N\)/,
    );
  });

  it('all-null and constant columns, one row', async () => {
    const t = await readTable(db, tmp.file('odd.csv', 'a,b,c\n,1,x\n,1,x\n'));
    expect(t.columns.map((c) => c.type)).toEqual(['categorical', 'integer', 'categorical']);
    const one = await readTable(db, tmp.file('one.csv', 'a,b\n1,x\n'));
    expect(one.rowCount).toBe(1);
  });

  it('an unsupported scheme', async () => {
    const e = await readError('ftp://example.org/data.csv');
    expect(e.code).toBe('UNSUPPORTED');
  });
});
