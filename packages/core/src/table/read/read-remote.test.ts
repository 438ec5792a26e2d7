import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/support/temp.js';
import { type DuckDb, openDuckDb } from '../duckdb/open.js';
import { getColumn } from '../table.js';
import { writeTable } from '../write/write-table.js';
import { readTable } from './read-table.js';

// DuckDB reads http(s) through its httpfs extension; .ci/run installs it from PyPI so this runs
// for real (a local server on loopback stands in for a remote store, with Range support).
let db: DuckDb;
let server: Server;
let base: string;
const files = new Map<string, Buffer>();
const tmp = tempDir();

beforeAll(async () => {
  db = await openDuckDb({ threads: 1 });
  files.set('/data.csv', Buffer.from('a,b\n1,x\n2,y\n3,z\n'));
  const table = await readTable(db, tmp.file('src.csv', 'a,b\n1,x\n2,y\n'));
  await writeTable(db, table, `${tmp.dir}/data.parquet`);
  files.set('/data.parquet', readFileSync(`${tmp.dir}/data.parquet`));
  server = createServer((req, res) => {
    const body = files.get(req.url ?? '');
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    const range = /bytes=(\d+)-(\d*)/.exec(req.headers.range ?? '');
    if (range) {
      const start = Number(range[1]);
      const end = range[2] ? Number(range[2]) : body.length - 1;
      res.writeHead(206, {
        'content-length': end - start + 1,
        'content-range': `bytes ${start}-${end}/${body.length}`,
        'accept-ranges': 'bytes',
      });
      res.end(req.method === 'HEAD' ? undefined : body.subarray(start, end + 1));
      return;
    }
    res.writeHead(200, { 'content-length': body.length, 'accept-ranges': 'bytes' });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  db.close();
  await new Promise((resolve) => server.close(resolve));
});

describe('readTable over HTTP', () => {
  it('reads a remote CSV and a remote Parquet file', async () => {
    const csv = await readTable(db, `${base}/data.csv`);
    expect(csv.rowCount).toBe(3);
    expect(getColumn(csv, 'a').type).toBe('integer');
    expect(csv.source).toBe(`${base}/data.csv`);
    const pq = await readTable(db, `${base}/data.parquet`);
    expect(pq.rowCount).toBe(2);
  });

  it('reports a missing remote file in one line', async () => {
    await expect(readTable(db, `${base}/missing.csv`)).rejects.toThrow(/missing\.csv: /);
  });
});
