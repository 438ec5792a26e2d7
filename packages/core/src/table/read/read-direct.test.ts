import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/support/temp.js';
import { type DuckDb, openDuckDb } from '../duckdb/open.js';
import type { Table } from '../table.js';
import { writeTable } from '../write/write-table.js';
import { tableFromResult } from './read-direct.js';
import type { ReadOptions } from './read-options.js';
import { prepareRead, readTable } from './read-table.js';

// The direct loader (DuckDB's parsed rows converted in JavaScript) must give the same Table as the
// temporary-table loader it replaces: same types, values, missing values and dictionaries.
let db: DuckDb;
beforeAll(async () => {
  db = await openDuckDb({ threads: 2 });
});
afterAll(() => db.close());

const tmp = tempDir();

/** A comparable form of a table: NaN and -0 survive, dictionaries are compared as they are. */
function plain(t: Table): unknown {
  return t.columns.map((c) => ({
    name: c.name,
    type: c.type,
    storage: c.storage,
    values:
      c.storage === 'dict'
        ? { codes: Array.from(c.codes), dictionary: [...c.dictionary] }
        : Array.from(c.values as ArrayLike<number>, (v) =>
            Object.is(v, -0) ? '-0' : Number.isNaN(v) ? 'NaN' : v,
          ),
  }));
}

/** Reads with both loaders, checks they agree, and whether the direct one needed no fallback. */
async function expectSameTables(path: string, options: ReadOptions = {}, direct = true): Promise<Table> {
  const { reader, ctx } = await prepareRead(path, options);
  const converted = await tableFromResult(await db.connection.run(reader), ctx);
  expect(converted !== null).toBe(direct);
  const viaTable = await readTable(db, path, { ...options, loader: 'table' });
  const read = await readTable(db, path, options);
  expect(plain(read)).toEqual(plain(viaTable));
  if (converted) expect(plain(converted)).toEqual(plain(viaTable));
  return read;
}

function csv(name: string, header: string, rows: readonly string[]): string {
  return tmp.file(name, `${header}\n${rows.join('\n')}\n`);
}

describe('readTable: the direct loader agrees with the table loader', () => {
  it('on every type, with missing values, unicode, long strings and many chunks', async () => {
    const labels = ['red', 'gréen', 'blü', '東京', 'a😀', 'zz', 'A', 'label with more than twelve bytes'];
    const rows: string[] = [];
    for (let i = 0; i < 5000; i++) {
      const f = i % 97 === 0 ? '' : i % 89 === 0 ? 'inf' : (Math.sin(i) * 1e3).toFixed(4);
      const big = i === 7 ? '9007199254740993' : String(i * 1_000_003 - 2_500_000_000);
      const day = `20${String(10 + (i % 20)).padStart(2, '0')}-0${(i % 9) + 1}-1${i % 10}`;
      const ts =
        i === 3
          ? '1969-12-31 23:59:59.9995'
          : `2024-03-0${(i % 9) + 1} 12:34:56.${String(i % 1000).padStart(3, '0')}7`;
      const label = i % 53 === 0 ? '' : labels[i % labels.length];
      const flag = i % 41 === 0 ? '' : i % 3 === 0 ? 'true' : 'false';
      const text = `free text ${i % 2500} with enough words to be long ${'x'.repeat(i % 30)}`;
      rows.push([`u${String(i).padStart(6, '0')}`, f, big, i % 11, day, ts, label, flag, text].join(','));
    }
    const t = await expectSameTables(csv('all.csv', 'id,f,big,small,day,ts,label,flag,text', rows));
    expect(Object.fromEntries(t.columns.map((c) => [c.name, c.type]))).toEqual({
      id: 'id',
      f: 'numeric',
      big: 'integer',
      small: 'integer',
      day: 'datetime',
      ts: 'datetime',
      label: 'categorical',
      flag: 'boolean',
      text: 'text',
    });
  });

  it('when ids come out of order, repeat, or mix short and long values', async () => {
    const rows: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const key =
        i < 1500 ? `k${(i * 7919) % 1500}` : i % 5 === 0 ? `k${i % 1500}` : `a-much-longer-key-${i}`;
      rows.push(`${key},${i}`);
    }
    await expectSameTables(csv('keys.csv', 'key,v', rows));
    const shuffled = Array.from({ length: 4000 }, (_, i) => `id${(i * 2654435761) % 4001}`);
    const t = await expectSameTables(csv('shuffled.csv', 'user_id', shuffled));
    expect(t.columns[0]!.type).toBe('id');
  });

  it('with type overrides, a column subset and a sample', async () => {
    const rows = Array.from({ length: 400 }, (_, i) => `${i % 5},${i % 2 === 0},x${i % 3},${i * 0.5}`);
    const path = csv('over.csv', 'code,flag,kind,value', rows);
    await expectSameTables(path, { types: { flag: 'numeric', kind: 'text', value: 'integer' } });
    await expectSameTables(path, { types: { code: 'categorical' } }, false);
    await expectSameTables(path, { columns: ['value', 'kind'] });
    await expectSameTables(path, { sampleRows: 50, seed: 3 });
  });

  it('by falling back to the table loader where it must', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => (i % 4 === 0 ? ' 12 ' : i % 4 === 1 ? '+3' : '1e2'));
    const t = await expectSameTables(csv('numtext.csv', 'n', rows), {}, false);
    expect(t.columns[0]!.type).toBe('numeric');
    // An integer identifier is stored as text.
    const ids = Array.from({ length: 50 }, (_, i) => `${1000 - i},${i % 3}`);
    const u = await expectSameTables(csv('intid.csv', 'rank_id,g', ids), {}, false);
    expect(u.columns[0]!.type).toBe('id');
    // Overrides that need every value checked by DuckDB's casts.
    const path = csv('cast.csv', 'a,b', ['1,2024-01-02', '2,2024-02-03']);
    await expectSameTables(path, { types: { a: 'categorical' } }, false);
    await expectSameTables(path, { types: { b: 'text' } }, false);
  });

  it('on Parquet, with every missing value and all-null columns', async () => {
    const rows = Array.from({ length: 100 }, (_, i) => `${i % 10 === 0 ? '' : i},,${i % 3 === 0 ? '' : 'b'}`);
    const source = await readTable(db, csv('nulls.csv', 'a,empty,b', rows));
    const parquet = `${tmp.dir}/nulls.parquet`;
    await writeTable(db, source, parquet);
    await expectSameTables(parquet);
  });
});
