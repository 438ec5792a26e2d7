import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeDrift } from '../../drift/index.js';
import { profileTable } from '../../profile/index.js';
import { type DuckDb, filterRows, getColumn, openDuckDb, readTable, type Table } from '../../table/index.js';
import type { PredictionRecord } from '../prediction-record.js';
import { createWindowMonitor } from './window-monitor.js';

const PENGUINS = new URL('../../../../../examples/quickstart/data/penguins.csv', import.meta.url).pathname;
let serial = 0;
const T0 = Date.parse('2026-12-01T10:00:00Z');

let db: DuckDb;
let all: Table;
beforeAll(async () => {
  db = await openDuckDb({ threads: 1 });
  all = await readTable(db, PENGUINS);
});
afterAll(async () => {
  await db.close();
});

function byYear(table: Table, keep: (year: number) => boolean): Table {
  const year = getColumn(table, 'year');
  if (year.storage !== 'float64') throw new Error('year is numeric');
  return filterRows(
    table,
    Uint8Array.from(year.values, (y) => (keep(y) ? 1 : 0)),
  );
}

function rowsOf(table: Table): Record<string, unknown>[] {
  return Array.from({ length: table.rowCount }, (_, i) => {
    const row: Record<string, unknown> = {};
    for (const c of table.columns) {
      if (c.storage === 'float64') row[c.name] = Number.isNaN(c.values[i]!) ? null : c.values[i];
      else if (c.storage === 'dict') row[c.name] = c.codes[i]! < 0 ? null : c.dictionary[c.codes[i]!];
      else row[c.name] = c.values[i] === 255 ? null : c.values[i] === 1;
    }
    return row;
  });
}

function record(
  inputs: Record<string, unknown>,
  at: number,
  extra: Partial<PredictionRecord> = {},
): PredictionRecord {
  const { species, ...features } = inputs;
  return {
    id: `p${at}-${++serial}`,
    at: new Date(at).toISOString(),
    model: 'penguins',
    version: '1',
    role: 'primary',
    probe: false,
    inputs: features,
    output: { label: species as string },
    latencyMs: 2,
    ...extra,
  };
}

describe('createWindowMonitor', () => {
  it('gives computeDrift’s result on the same rows (input and prediction drift)', () => {
    const reference = byYear(all, (y) => y < 2009);
    const current = byYear(all, (y) => y === 2009);
    const profile = profileTable(reference);
    const monitor = createWindowMonitor({ reference: profile, labelColumn: 'species', seed: 1 });
    for (const [i, row] of rowsOf(current).entries()) monitor.add(record(row, T0 + i * 1000));
    const report = monitor.evaluate(T0 + 10 * 60_000);
    expect(report.rows).toBe(current.rowCount);
    expect(report.sampled).toBe(current.rowCount);
    const features = report.inputDrift.columns.map((c) => c.name);
    expect(features).toEqual([
      'island',
      'bill_length_mm',
      'bill_depth_mm',
      'flipper_length_mm',
      'body_mass_g',
      'sex',
      'year',
    ]);
    const expected = computeDrift(profile, current, { columns: features });
    const pick = (r: typeof expected) =>
      r.columns.map((c) => [
        c.name,
        c.method,
        c.statistic,
        c.pvalue,
        c.pvalueAdjusted,
        c.status,
        c.currentSize,
      ]);
    expect(pick(report.inputDrift)).toEqual(pick(expected));
    expect(report.inputDrift.datasetDrift).toEqual(expected.datasetDrift);
    const expectedPrediction = computeDrift(profile, current, { columns: ['species'] });
    expect(pick(report.predictionDrift!)).toEqual(pick(expectedPrediction));
    // year 2009 is outside the training years: the one feature whose drift and range must show.
    const year = report.features.find((f) => f.name === 'year')!;
    expect(year.outOfRange).toBe(current.rowCount);
    expect(report.verdicts.find((v) => v.check === 'range:year')!.status).toBe('warn');
    expect(report.verdicts.find((v) => v.check === 'drift:year')!.status).toBe('fail');
  });

  it('counts missing values, out-of-range values and new categories exactly', () => {
    const profile = profileTable(all);
    const monitor = createWindowMonitor({ reference: profile, labelColumn: 'species' });
    const rows = rowsOf(all);
    for (const [i, row] of rows.entries()) monitor.add(record(row, T0 + i));
    monitor.add(record({ ...rows[0], island: 'Atlantis', bill_length_mm: 1000, sex: null }, T0 + 500));
    monitor.add(record({ ...rows[0], island: 'Atlantis' }, T0 + 501));
    const report = monitor.evaluate(T0 + 1000);
    const island = report.features.find((f) => f.name === 'island')!;
    expect(island.newCategoryRows).toBe(2);
    expect(island.newCategories).toEqual([{ value: 'Atlantis', count: 2 }]);
    expect(report.features.find((f) => f.name === 'bill_length_mm')!.outOfRange).toBe(1);
    const sexMissing = rows.filter((r) => r.sex === null).length + 1;
    expect(report.features.find((f) => f.name === 'sex')!.missing).toBe(sexMissing);
    const v = report.verdicts.find((x) => x.check === 'new-categories:island')!;
    expect(v.status).toBe('warn');
    expect(v.examples).toEqual([{ column: 'island', value: 'Atlantis' }]);
    expect(report.verdicts.find((x) => x.check === 'missing:sex')!.status).toBe('pass');
  });

  it('ignores probes and shadow answers', () => {
    const monitor = createWindowMonitor({ reference: profileTable(all) });
    const row = rowsOf(all)[0]!;
    monitor.add(record(row, T0, { probe: true }));
    monitor.add(record(row, T0, { role: 'shadow' }));
    monitor.add(record(row, T0, { role: 'candidate' }));
    expect(monitor.evaluate(T0 + 1).rows).toBe(1);
  });

  it('keeps memory bounded: samples in proportion to each slice’s traffic, counts every row', () => {
    const profile = profileTable(all);
    const monitor = createWindowMonitor({
      reference: profile,
      windowMs: 60_000,
      buckets: 2,
      bucketCapacity: 40,
      maxSample: 1000,
    });
    const rows = rowsOf(all);
    // 300 rows in the first slice, 100 in the second: the sample keeps the 3:1 ratio.
    for (let i = 0; i < 300; i++) monitor.add(record(rows[i % rows.length]!, T0 + i));
    for (let i = 0; i < 100; i++) monitor.add(record(rows[i]!, T0 + 30_000 + i));
    const report = monitor.evaluate(T0 + 59_000);
    expect(report.rows).toBe(400);
    // The first slice keeps 40 of 300 rows, so at most 40 * 400 / 300 = 53 rows can be uniform.
    expect(report.sampled).toBe(53);
    expect(report.inputDrift.columns[0]!.currentSize).toBeLessThanOrEqual(53);
  });

  it('slides: slices older than the window are dropped, late rows ignored', () => {
    const profile = profileTable(all);
    const monitor = createWindowMonitor({ reference: profile, windowMs: 60_000, buckets: 6 });
    const row = rowsOf(all)[0]!;
    monitor.add(record(row, T0));
    monitor.add(record(row, T0 + 30_000));
    expect(monitor.evaluate(T0 + 59_999).rows).toBe(2);
    expect(monitor.evaluate(T0 + 60_000).rows).toBe(1);
    monitor.add(record(row, T0 + 200_000));
    monitor.add(record(row, T0)); // too late
    expect(monitor.evaluate(T0 + 200_000).rows).toBe(1);
    // Reported as the upper edge of its log bin: never below, at most 4.7% above.
    const p99 = monitor.evaluate(T0 + 200_000).latencyP99Ms!;
    expect(p99).toBeGreaterThanOrEqual(2);
    expect(p99).toBeLessThanOrEqual(2 * 1.047);
  });
});
