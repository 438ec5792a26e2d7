import { afterAll, describe, expect, it } from 'vitest';
// Worker threads load the built modules: Node 20 cannot run the TypeScript sources in a worker,
// so this suite tests dist/ (npm test builds first).
import { computeDrift, computeDriftParallel } from '../../dist/drift/index.js';
import { VigieError } from '../../dist/errors/index.js';
import { createThreadContext, threadLocal } from '../../dist/parallel/index.js';
import {
  createWorkerPool,
  profileTable,
  profileTableParallel,
  warmProfileWorkers,
} from '../../dist/profile/index.js';
import { boolColumn, createTable, dictColumnFromStrings, float64Column } from '../../dist/table/index.js';

const pool = createWorkerPool({ threads: 2 });
afterAll(() => pool.close());

function mixedTable(n: number) {
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  const flags = new Uint8Array(n);
  const cats: (string | null)[] = [];
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    a[i] = i % 97 === 0 ? Number.NaN : Math.sin(i) * 100;
    b[i] = i === 5 ? Number.POSITIVE_INFINITY : i % 7;
    flags[i] = i % 11 === 0 ? 255 : i % 3 === 0 ? 1 : 0;
    cats.push(i % 13 === 0 ? null : `c${i % 5}`);
    ids.push(`id-${i}`);
  }
  return createTable(
    [
      dictColumnFromStrings('id', ids, 'id'),
      float64Column('a', a),
      boolColumn('flag', flags),
      float64Column('b', b, 'integer'),
      dictColumnFromStrings('cat', cats),
      // A view into a larger buffer: only its own values may be sent.
      float64Column('view', new Float64Array(3 * n).fill(2.5).subarray(n, 2 * n)),
    ],
    'mixed.csv',
  );
}

describe('profileTableParallel', () => {
  it('gives exactly the profile of profileTable, in both quantile modes', async () => {
    const table = mixedTable(30_000);
    for (const quantiles of ['exact', 'sketch'] as const) {
      const seen: number[] = [];
      const parallel = await profileTableParallel(pool, table, { quantiles }, (done) => seen.push(done));
      expect(JSON.stringify(parallel)).toBe(JSON.stringify(profileTable(table, { quantiles })));
      expect(seen).toEqual([1, 2, 3, 4, 5, 6]);
    }
  });

  it('passes a worker’s VigieError on with its code, and fails a missing task', async () => {
    const table = mixedTable(100);
    const error = await profileTableParallel(pool, table, { kllK: 3 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VigieError);
    expect((error as VigieError).code).toBe('INVALID_ARGUMENT');
    expect((error as VigieError).message).toMatch(/k must be an integer/);
    const missing = { module: new URL('../../dist/profile/index.js', import.meta.url).href, name: 'nope' };
    await expect(pool.run(missing, [])).rejects.toThrow(/exports no function nope/);
  });

  it('warms every thread ahead of the first task, and a module that cannot load fails warm', async () => {
    const fresh = createWorkerPool({ threads: 2 });
    await warmProfileWorkers(fresh);
    const table = mixedTable(1_000);
    expect(JSON.stringify(await profileTableParallel(fresh, table))).toBe(
      JSON.stringify(profileTable(table)),
    );
    await expect(fresh.warm('file:///no/such/module.js')).rejects.toThrow(/no\/such\/module/);
    await fresh.close();
  });

  it('refuses tasks once closed', async () => {
    const other = createWorkerPool({ threads: 1 });
    await other.close();
    await expect(profileTableParallel(other, mixedTable(10))).rejects.toThrow(/closed/);
    expect(() => createWorkerPool({ threads: 0 })).toThrow(/threads must be a positive integer/);
  });
});

describe('computeDriftParallel', () => {
  it('gives exactly the result of computeDrift, with forced methods, overrides and missing columns', async () => {
    const ref = mixedTable(20_000);
    const shifted = mixedTable(20_000);
    const cur = createTable(
      shifted.columns
        .filter((c) => c.name !== 'view')
        .map((c) => (c.name === 'a' ? { ...c, values: c.values.map((v: number) => v * 1.2) } : c)),
    );
    const cases = [
      {},
      { method: 'psi' as const, correction: 'holm' as const },
      { columns: ['a', 'b', 'view', 'cat'], perColumn: { b: { method: 'ks' as const, threshold: 0.01 } } },
    ];
    for (const options of cases) {
      const parallel = await computeDriftParallel(pool, ref, cur, options);
      expect(JSON.stringify(parallel)).toBe(JSON.stringify(computeDrift(ref, cur, options)));
    }
    await expect(computeDriftParallel(pool, ref, cur, { columns: ['nope'] })).rejects.toThrow(
      /no column "nope"/,
    );
  });

  it('compares against a saved profile as computeDrift does', async () => {
    const ref = mixedTable(5_000);
    const profile = profileTable(ref);
    const result = await computeDriftParallel(pool, profile, mixedTable(4_000));
    expect(JSON.stringify(result)).toBe(JSON.stringify(computeDrift(profile, mixedTable(4_000))));
  });
});

describe('thread context', () => {
  const module = new URL('./thread-task.mjs', import.meta.url).href;

  it('is passed after the arguments only to tasks that ask for it, and kept from task to task', async () => {
    const one = createWorkerPool({ threads: 1 });
    const counts = [];
    for (const label of ['a', 'b', 'c']) {
      counts.push(await one.run({ module, name: 'countRuns', thread: true }, [label]));
    }
    expect(counts).toEqual([
      { label: 'a', count: 1, context: true },
      { label: 'b', count: 2, context: true },
      { label: 'c', count: 3, context: true },
    ]);
    expect(await one.run({ module, name: 'argumentsSeen' }, [1, 2])).toBe(2);
    expect(await one.run({ module, name: 'argumentsSeen', thread: true }, [1, 2])).toBe(3);
    await one.close();
  });

  it('makes each thread-local value once per context', () => {
    let made = 0;
    const local = threadLocal(() => ({ n: ++made }));
    const a = createThreadContext();
    const b = createThreadContext();
    expect(a.get(local)).toBe(a.get(local));
    expect(b.get(local)).not.toBe(a.get(local));
    expect(made).toBe(2);
  });
});
