import { describe, expect, it } from 'vitest';
import { loadGolden } from '../../test/support/golden.js';
import { createTable, dictColumn, float64Column } from '../table/index.js';
import { columnContentHash, contentHashOfColumns, tableContentHash } from './content-hash.js';

describe('content hash', () => {
  it('is canonical: -0 equals 0 and every NaN payload is one NaN, without touching the column', () => {
    const plain = float64Column('x', Float64Array.of(1, 0, Number.NaN, 2.5));
    const odd = new Float64Array([1, -0, 0, 2.5]);
    new Uint32Array(odd.buffer)[5] = 0x7ff80001; // a NaN with another payload in place of the third 0
    const oddCopy = odd.slice();
    const other = float64Column('x', odd);
    expect(columnContentHash(other)).toBe(columnContentHash(plain));
    expect(new Uint8Array(odd.buffer)).toEqual(new Uint8Array(oddCopy.buffer));
    expect(columnContentHash(float64Column('x', Float64Array.of(1, 0, Number.NaN, 2.6)))).not.toBe(
      columnContentHash(plain),
    );
    expect(columnContentHash(float64Column('y', plain.values))).not.toBe(columnContentHash(plain));
  });

  it('does not depend on dictionary order, and sees a changed value, order or missing cell', () => {
    // The same values x, y, missing, x: codes in order of first appearance, then in another order.
    const inOrder = dictColumn('c', Int32Array.of(0, 1, -1, 0), ['x', 'y']);
    const reordered = dictColumn('c', Int32Array.of(2, 0, -1, 2), ['y', 'unused', 'x']);
    expect(columnContentHash(reordered)).toBe(columnContentHash(inOrder));
    const changed = [
      dictColumn('c', Int32Array.of(0, 1, -1, 1), ['x', 'y']),
      dictColumn('c', Int32Array.of(0, 1, 0, -1), ['x', 'y']),
      dictColumn('c', Int32Array.of(0, 1, -1, 0), ['x', 'z']),
      // Lengths keep 'xy' + '' apart from 'x' + 'y'.
      dictColumn('c', Int32Array.of(0, 1, -1, 0), ['xy', '']),
      dictColumn('c', Int32Array.of(0, 1, -1, 0), ['x', 'y'], 'text'),
    ];
    for (const col of changed) expect(columnContentHash(col)).not.toBe(columnContentHash(inOrder));
  });

  it('combines the column hashes in order, with the row count', () => {
    const a = float64Column('a', Float64Array.of(1, 2));
    const b = float64Column('b', Float64Array.of(3, 4));
    const t = createTable([a, b]);
    expect(tableContentHash(t)).toBe(contentHashOfColumns(2, [columnContentHash(a), columnContentHash(b)]));
    expect(tableContentHash(createTable([b, a]))).not.toBe(tableContentHash(t));
  });

  it('equals the digest computed in Python from the format description (vigie-table-v3)', () => {
    const g = loadGolden('hashes').contentHash as {
      x: number[];
      c: (string | null)[];
      contentHash: string;
    };
    // The dictionary in another order than first appearance: the hash renumbers the codes.
    const dictionary = ['a', 'b', 'é東'];
    const codes = Int32Array.from(g.c, (v) => (v === null ? -1 : dictionary.indexOf(v)));
    const t = createTable([float64Column('x', Float64Array.from(g.x)), dictColumn('c', codes, dictionary)]);
    expect(tableContentHash(t)).toBe(g.contentHash);
  });
});
