import { VigieError } from '../../errors/index.js';
import { type Column, type SemanticType, STORAGES_FOR_TYPE, type Storage } from '../column.js';
import { duckDbReadError } from '../duckdb/errors.js';
import type { DuckDb } from '../duckdb/open.js';
import { num, queryRows } from '../duckdb/query.js';
import { ident } from '../duckdb/sql.js';
import { createTable, type Table } from '../table.js';
import { gatherEvidence } from './evidence.js';
import { type ColumnSink, fillColumns } from './fill-columns.js';
import {
  type ColumnEvidence,
  inferSemanticType,
  isFloatDuckType,
  isIntegerDuckType,
  isTimeDuckType,
} from './infer.js';
import { checkMemory, checkShape, type ReadContext, sharedFloat64 } from './read-shape.js';
import { VarcharDictionary } from './varchar-dictionary.js';

/**
 * Reads a source through a temporary DuckDB table, where SQL gathers the evidence for type
 * inference and checks that every value fits an overridden type (naming the first that does not).
 * The fallback of `tableFromResult` for what it does not convert itself.
 */
export async function readViaTable(
  db: DuckDb,
  reader: string,
  ctx: ReadContext,
  load: (run: () => Promise<unknown>) => Promise<unknown>,
): Promise<Table> {
  const table = db.tempName('src');
  await load(() => db.connection.run(`CREATE TEMP TABLE ${table} AS ${reader}`));
  const enumTypes: string[] = [];
  try {
    return await loadColumns(db, table, enumTypes, ctx);
  } catch (cause) {
    throw duckDbReadError(cause, ctx.label);
  } finally {
    await db.connection.run(`DROP TABLE IF EXISTS ${table}`);
    for (const t of enumTypes) await db.connection.run(`DROP TYPE IF EXISTS ${t}`);
  }
}

interface PlannedColumn {
  name: string;
  type: SemanticType;
  storage: Storage;
  expr: string;
  /** Dictionary known before reading (from an ENUM), or built while reading ('text'). */
  dictionary?: string[];
  decodeText?: boolean;
}

/** Above this many distinct values, text is decoded in JavaScript rather than through an ENUM type. */
const ENUM_LIMIT = 50_000;

async function loadColumns(db: DuckDb, table: string, enumTypes: string[], ctx: ReadContext): Promise<Table> {
  const rows = num((await queryRows(db, `SELECT count(*) FROM ${table}`))[0]?.[0]);
  const described = (await queryRows(db, `DESCRIBE ${table}`)).map((r, index) => ({
    name: String(r[0]),
    duckType: String(r[1]),
    index,
  }));
  const selected = await checkShape(rows, described, ctx);
  const evidence = await gatherEvidence(db, table, selected, rows);
  const planned: PlannedColumn[] = [];
  for (const e of evidence) {
    const type = ctx.options.types?.[e.name] ?? inferSemanticType(e);
    planned.push(await planColumn(db, table, enumTypes, e, type, ctx.label));
  }
  checkMemory(
    rows,
    planned.map((p) => p.storage),
    ctx,
  );

  const sinks: ColumnSink[] = planned.map((p) =>
    p.storage === 'float64'
      ? { kind: 'float64', out: sharedFloat64(rows) }
      : p.storage === 'bool'
        ? { kind: 'bool', out: new Uint8Array(rows) }
        : p.decodeText
          ? { kind: 'text', out: new Int32Array(rows), dictionary: new VarcharDictionary(), present: 0 }
          : { kind: 'dict', out: new Int32Array(rows) },
  );
  const result = await db.connection.stream(`SELECT ${planned.map((p) => p.expr).join(', ')} FROM ${table}`);
  const onProgress = ctx.options.onProgress;
  await fillColumns(result, sinks, onProgress ? (n) => onProgress(n, rows) : undefined);

  const columns: Column[] = planned.map((p, j) => {
    const sink = sinks[j]!;
    if (sink.kind === 'float64')
      return { name: p.name, type: p.type as 'numeric', storage: 'float64', values: sink.out };
    if (sink.kind === 'bool') return { name: p.name, type: 'boolean', storage: 'bool', values: sink.out };
    const codes = sink.out as Int32Array;
    return {
      name: p.name,
      type: p.type as 'categorical',
      storage: 'dict',
      codes,
      // Text decoded in JavaScript brings its own dictionary, built while reading.
      dictionary: sink.kind === 'text' ? sink.dictionary.dictionary : (p.dictionary ?? []),
    };
  });
  return createTable(columns, ctx.label);
}

/** Decides how a column is converted, checking that an overridden type fits every value. */
async function planColumn(
  db: DuckDb,
  table: string,
  enumTypes: string[],
  e: ColumnEvidence,
  type: SemanticType,
  label: string,
): Promise<PlannedColumn> {
  const storage = STORAGES_FOR_TYPE[type][0]!;
  const c = ident(e.name);
  const t = e.duckType;
  if (storage === 'dict') {
    const asText = t === 'VARCHAR' ? c : `CAST(${c} AS VARCHAR)`;
    if (e.distinct > ENUM_LIMIT || (t !== 'VARCHAR' && !isIntegerDuckType(t))) {
      return { name: e.name, type, storage, expr: asText, decodeText: true };
    }
    const enumType = db.tempName('enum');
    await db.connection.run(
      `CREATE TYPE ${enumType} AS ENUM (SELECT DISTINCT ${asText} FROM ${table} WHERE ${c} IS NOT NULL ORDER BY 1)`,
    );
    enumTypes.push(enumType);
    const dictionary = (await queryRows(db, `SELECT unnest(enum_range(NULL::${enumType}))`)).map((r) =>
      String(r[0]),
    );
    return { name: e.name, type, storage, expr: `CAST(${asText} AS ${enumType})`, dictionary };
  }
  if (storage === 'bool') {
    if (t === 'BOOLEAN') return { name: e.name, type, storage, expr: c };
    await assertCastable(db, table, e.name, 'BOOLEAN', 'a boolean', label);
    return { name: e.name, type, storage, expr: `TRY_CAST(${c} AS BOOLEAN)` };
  }
  if (type === 'datetime') {
    if (isTimeDuckType(t)) {
      const ts = t.includes('WITH TIME ZONE') ? c : `CAST(${c} AS TIMESTAMP)`;
      return { name: e.name, type, storage, expr: `CAST(epoch_ms(${ts}) AS DOUBLE)` };
    }
    await assertCastable(db, table, e.name, 'TIMESTAMP', 'a date or timestamp', label);
    return { name: e.name, type, storage, expr: `CAST(epoch_ms(TRY_CAST(${c} AS TIMESTAMP)) AS DOUBLE)` };
  }
  if (isFloatDuckType(t) || isIntegerDuckType(t) || t === 'BOOLEAN') {
    return { name: e.name, type, storage, expr: `CAST(${c} AS DOUBLE)` };
  }
  if (isTimeDuckType(t))
    return { name: e.name, type, storage, expr: `CAST(epoch_ms(CAST(${c} AS TIMESTAMP)) AS DOUBLE)` };
  await assertCastable(db, table, e.name, 'DOUBLE', 'a number', label);
  return { name: e.name, type, storage, expr: `TRY_CAST(${c} AS DOUBLE)` };
}

async function assertCastable(
  db: DuckDb,
  table: string,
  name: string,
  to: string,
  what: string,
  label: string,
): Promise<void> {
  const c = ident(name);
  const bad = await queryRows(
    db,
    `SELECT rowid, CAST(${c} AS VARCHAR) FROM ${table} WHERE ${c} IS NOT NULL AND TRY_CAST(${c} AS ${to}) IS NULL ORDER BY rowid LIMIT 1`,
  );
  const first = bad[0];
  if (first) {
    const row = num(first[0]) + 1;
    throw new VigieError(
      'TYPE_MISMATCH',
      `${label}: row ${row}, column "${name}": value ${JSON.stringify(String(first[1]))} is not ${what}`,
      { details: { file: label, row, column: name } },
    );
  }
}
