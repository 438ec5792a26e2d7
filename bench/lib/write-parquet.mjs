/**
 * Converts a generated CSV to Parquet through DuckDB, with the column types taken from the plan
 * rather than sniffed, so every run and every reader sees the same schema.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createRequire } from 'node:module';

// @duckdb/node-api is a dependency of packages/core, not of the repository root.
const require = createRequire(new URL('../../packages/core/package.json', import.meta.url));

const SQL_TYPES = { double: 'DOUBLE', integer: 'BIGINT', string: 'VARCHAR', boolean: 'BOOLEAN' };

function quoteLiteral(text) {
  return `'${text.replaceAll("'", "''")}'`;
}

/** Opens one in-memory DuckDB for all conversions of a run. Call close() when done. */
export async function openConverter({ threads = 2 } = {}) {
  const { DuckDBInstance } = require('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
  const connection = await instance.connect();
  return {
    /** Writes `parquetPath` from `csvPath`; returns { bytes, sha256 }. */
    async convert(csvPath, parquetPath, columns) {
      const types = columns
        .map((c) => `${quoteLiteral(c.name)}: ${quoteLiteral(SQL_TYPES[c.type])}`)
        .join(', ');
      await connection.run(
        `COPY (SELECT * FROM read_csv(${quoteLiteral(csvPath)}, header = true, delim = ',', ` +
          `columns = {${types}})) TO ${quoteLiteral(parquetPath)} (FORMAT parquet)`,
      );
      return { bytes: (await stat(parquetPath)).size, sha256: await hashFile(parquetPath) };
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

async function hashFile(path) {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk);
  return hash.digest('hex');
}
