/**
 * Generates the benchmark pair (reference, current) with its manifest. Used by bench/generate.mjs;
 * a benchmark may import it to generate in-process.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createCellWriter } from './cells.mjs';
import { DRIFT, planColumns } from './columns.mjs';
import { writeCsv } from './write-csv.mjs';
import { openConverter } from './write-parquet.mjs';

const ROLES = ['reference', 'current'];

async function loadRandom() {
  try {
    return (await import('../../packages/core/dist/random/index.js')).createRandom;
  } catch (error) {
    throw new Error('packages/core is not built: run `npx tsc -b packages/core` first', { cause: error });
  }
}

/**
 * Writes reference/current CSV (and Parquet) files and manifest.json into `out`.
 * @param options { rows, cols, seed, drift, digits, out, csv: boolean, parquet: boolean }
 * @returns { manifest, timings: [{ file, seconds, bytes }] }
 */
export async function generateDataset({ rows, cols, seed, drift, digits, out, csv, parquet }) {
  const createRandom = await loadRandom();
  await mkdir(out, { recursive: true });
  const columns = planColumns(cols, drift);
  const root = createRandom(seed);
  const files = {};
  const timings = [];

  for (const [index, role] of ROLES.entries()) {
    const fileRng = root.derive(index + 1);
    const cells = columns.map((c) => createCellWriter(c, role, fileRng.derive(c.stream), { rows, digits }));
    const started = performance.now();
    const names = columns.map((c) => c.name);
    const written = await writeCsv(join(out, `${role}.csv`), names, cells, rows);
    timings.push({
      file: `${role}.csv`,
      seconds: (performance.now() - started) / 1000,
      bytes: written.bytes,
    });
    files[role] = { csv: { path: `${role}.csv`, ...written } };
  }

  if (parquet) {
    const converter = await openConverter();
    try {
      for (const role of ROLES) {
        const started = performance.now();
        const written = await converter.convert(
          join(out, `${role}.csv`),
          join(out, `${role}.parquet`),
          columns,
        );
        timings.push({
          file: `${role}.parquet`,
          seconds: (performance.now() - started) / 1000,
          bytes: written.bytes,
        });
        files[role].parquet = { path: `${role}.parquet`, ...written };
      }
    } finally {
      converter.close();
    }
  }
  if (!csv) {
    for (const role of ROLES) {
      await rm(join(out, `${role}.csv`));
      delete files[role].csv;
    }
  }

  const manifest = {
    generator: 'bench/generate.mjs',
    manifestVersion: 1,
    seed,
    rows,
    cols,
    driftFraction: drift,
    digits,
    plantedDrift: DRIFT,
    driftedColumns: columns.filter((c) => c.drift !== null).map((c) => c.name),
    files,
    columns: columns.map(({ stream, ...rest }) => rest),
  };
  await writeFile(join(out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  return { manifest, timings };
}
