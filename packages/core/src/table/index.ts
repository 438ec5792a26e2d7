export * from './column.js';
export { type DuckDb, type DuckDbOptions, openDuckDb } from './duckdb/open.js';
export { type ReadOptions, readTable } from './read/read-table.js';
export { type DataSource, type FileFormat, formatFromName, parseSource, sourceLabel } from './read/source.js';
export { columnLength, formatValue, isMissing, missingCount, takeColumn } from './storage.js';
export * from './table.js';
export { type WriteOptions, writeTable } from './write/write-table.js';
