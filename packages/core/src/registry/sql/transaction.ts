import { sql } from 'kysely';
import type { RegistryEvent } from '../entities.js';
import type { SqlContext, Tx } from './database.js';

/**
 * Runs `fn` in one write transaction. SQLite takes the write lock up front (BEGIN IMMEDIATE), so
 * concurrent processes queue on the busy timeout instead of failing when a read turns into a
 * write; Postgres serializes on the counter row each registration increments first.
 */
export async function writeTransaction<T>(
  ctx: Pick<SqlContext, 'db' | 'engine'>,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  if (ctx.engine === 'postgres') return ctx.db.transaction().execute(fn);
  return ctx.db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const result = await fn(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (error) {
      await sql`rollback`.execute(conn).catch(() => undefined);
      throw error;
    }
  });
}

/** The next number of a sequence (1, 2, ...), gapless: a rolled-back transaction gives it back. */
export async function nextNumber(tx: Tx, scope: string): Promise<number> {
  const row = await tx
    .insertInto('counters')
    .values({ scope, next: 1 })
    .onConflict((oc) => oc.column('scope').doUpdateSet({ next: sql<number>`counters.next + 1` }))
    .returning('next')
    .executeTakeFirstOrThrow();
  return Number(row.next);
}

export type EventInput = Omit<RegistryEvent, 'seq' | 'at'>;

export async function appendEvent(tx: Tx, at: string, event: EventInput): Promise<RegistryEvent> {
  const row = await tx
    .insertInto('events')
    .values({
      at,
      actor: event.actor,
      type: event.type,
      subject_id: event.subjectId,
      alias_kind: event.alias?.kind ?? null,
      alias_name: event.alias?.name ?? null,
      alias: event.alias?.alias ?? null,
      alias_from: event.alias?.from ?? null,
      alias_to: event.alias?.to ?? null,
      reason: event.reason,
      evidence_json: JSON.stringify(event.evidence),
      payload_json: JSON.stringify(event.payload),
    } as never)
    .returning('seq')
    .executeTakeFirstOrThrow();
  return { ...event, seq: Number(row.seq), at };
}

export async function addEdges(tx: Tx, edges: Array<{ from: string; to: string }>): Promise<void> {
  if (edges.length === 0) return;
  await tx
    .insertInto('edges')
    .values(edges.map((e) => ({ from_id: e.from, to_id: e.to })))
    .onConflict((oc) => oc.columns(['from_id', 'to_id']).doNothing())
    .execute();
}
