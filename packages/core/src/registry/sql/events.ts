import type { RegistryEvent } from '../entities.js';
import type { EventFilter } from '../store.js';
import type { SqlContext } from './database.js';
import { toEvent } from './rows.js';

/** The event log, oldest first, filtered. */
export async function listEvents(ctx: SqlContext, filter: EventFilter = {}): Promise<RegistryEvent[]> {
  let q = ctx.db.selectFrom('events').selectAll();
  if (filter.subjectId !== undefined) q = q.where('subject_id', '=', filter.subjectId);
  if (filter.type !== undefined) q = q.where('type', '=', filter.type);
  if (filter.alias?.kind !== undefined) q = q.where('alias_kind', '=', filter.alias.kind);
  if (filter.alias?.name !== undefined) q = q.where('alias_name', '=', filter.alias.name);
  if (filter.alias?.alias !== undefined) q = q.where('alias', '=', filter.alias.alias);
  if (filter.until !== undefined) q = q.where('at', '<=', new Date(filter.until).toISOString());
  if (filter.afterSeq !== undefined) q = q.where('seq', '>', filter.afterSeq);
  const rows = await q
    .orderBy('seq')
    .limit(filter.limit ?? 10_000)
    .execute();
  return rows.map(toEvent);
}
