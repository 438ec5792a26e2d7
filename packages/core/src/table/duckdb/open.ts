import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

export interface DuckDbOptions {
  /** Worker threads DuckDB may use (default: DuckDB's, the number of cores). */
  threads?: number;
  /** DuckDB's memory limit, e.g. '4GB' (default: DuckDB's, 80% of RAM). */
  memoryLimit?: string;
  /** Where DuckDB spills when a query needs more memory than the limit. */
  tempDirectory?: string;
  /** Where DuckDB looks for (and installs) extensions such as httpfs. */
  extensionDirectory?: string;
}

/** An in-process DuckDB database with one connection. Dispose it when done. */
export interface DuckDb extends AsyncDisposable {
  readonly connection: DuckDBConnection;
  /** Unique names for temporary tables and types within this session. */
  tempName(prefix: string): string;
  close(): void;
}

/** Opens an in-memory DuckDB. No side effects beyond the instance itself. */
export async function openDuckDb(options: DuckDbOptions = {}): Promise<DuckDb> {
  const config: Record<string, string> = {};
  if (options.threads !== undefined) config.threads = String(options.threads);
  if (options.memoryLimit !== undefined) config.memory_limit = options.memoryLimit;
  if (options.tempDirectory !== undefined) config.temp_directory = options.tempDirectory;
  if (options.extensionDirectory !== undefined) config.extension_directory = options.extensionDirectory;
  const instance = await DuckDBInstance.create(':memory:', config);
  const connection = await instance.connect();
  let counter = 0;
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    connection.closeSync();
    instance.closeSync();
  };
  return {
    connection,
    tempName: (prefix) => `vigie_${prefix}_${++counter}`,
    close,
    [Symbol.asyncDispose]: async () => close(),
  };
}
