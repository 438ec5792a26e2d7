import { sql } from 'kysely';
import { VigieError } from '../../errors/index.js';
import { describeId } from '../refs.js';
import type { Impact, LineageGraph, LineageNode } from '../store.js';
import type { SqlContext } from './database.js';
import { findRecord, listSources } from './records.js';

/**
 * Everything reachable from `roots` along the lineage edges, in one recursive query: downwards
 * (what derives from them) or upwards (what they derive from). UNION deduplicates by id, so
 * shared ancestors are visited once and the walk ends on any graph.
 */
async function reach(
  ctx: SqlContext,
  roots: string[],
  direction: 'up' | 'down',
): Promise<{ ids: string[]; edges: Array<{ from: string; to: string }> }> {
  if (roots.length === 0) return { ids: [], edges: [] };
  const seeds = sql.join(
    roots.map((r) => sql`select cast(${r} as text) as id`),
    sql` union `,
  );
  const step =
    direction === 'down'
      ? sql`select e.to_id from edges e join reach r on e.from_id = r.id`
      : sql`select e.from_id from edges e join reach r on e.to_id = r.id`;
  const edgeJoin =
    direction === 'down' ? sql`e.from_id in (select id from reach)` : sql`e.to_id in (select id from reach)`;
  const result = await sql<{ from_id: string | null; to_id: string | null; id: string | null }>`
    with recursive reach(id) as (${seeds} union ${step})
    select e.from_id, e.to_id, cast(null as text) as id from edges e where ${edgeJoin}
    union all
    select null, null, id from reach`.execute(ctx.db);
  const ids: string[] = [];
  const edges: Array<{ from: string; to: string }> = [];
  for (const row of result.rows) {
    if (row.id !== null) ids.push(row.id);
    else edges.push({ from: row.from_id!, to: row.to_id! });
  }
  return { ids, edges };
}

async function nodesFor(ctx: SqlContext, ids: string[]): Promise<LineageNode[]> {
  const sourceIds = ids.filter((id) => id.startsWith('source:'));
  const uris = new Map<string, string>();
  for (let i = 0; i < sourceIds.length; i += 500) {
    const rows = await ctx.db
      .selectFrom('sources')
      .select(['id', 'uri'])
      .where('id', 'in', sourceIds.slice(i, i + 500))
      .execute();
    for (const r of rows) uris.set(r.id, r.uri);
  }
  return ids.map((id) => {
    const { kind, ref } = describeId(id);
    return { id, kind, ref: uris.get(id) ?? ref };
  });
}

export async function lineage(ctx: SqlContext, id: string, direction: 'up' | 'down'): Promise<LineageGraph> {
  if (!(await findRecord(ctx.db, id)))
    throw new VigieError('NOT_FOUND', `nothing registered with id "${id}"`, { details: { ref: id } });
  const { ids, edges } = await reach(ctx, [id], direction);
  const nodes = await nodesFor(ctx, ids);
  const order = new Map(ids.map((x, i) => [x, i]));
  nodes.sort((a, b) => (a.id === id ? -1 : b.id === id ? 1 : order.get(a.id)! - order.get(b.id)!));
  return { root: nodes[0]!, direction, nodes, edges: sortEdges(edges) };
}

export async function impact(
  ctx: SqlContext,
  what: { uri: string } | { personalData: true },
): Promise<Impact> {
  const sources =
    'uri' in what
      ? await listSources(ctx, { uri: what.uri })
      : await listSources(ctx, { personalData: true });
  if ('uri' in what && sources.length === 0)
    throw new VigieError('NOT_FOUND', `no source with URI "${what.uri}" is registered`, {
      details: { ref: what.uri },
    });
  const { ids, edges } = await reach(
    ctx,
    sources.map((s) => s.id),
    'down',
  );
  const roots = new Set(sources.map((s) => s.id));
  const affected = (
    await nodesFor(
      ctx,
      ids.filter((x) => !roots.has(x)),
    )
  ).sort(byKindThenRef);
  return { source: 'uri' in what ? what.uri : 'personal-data', sources, affected, edges: sortEdges(edges) };
}

const KIND_ORDER: Record<string, number> = { source: 0, dataset: 1, model: 2, deployment: 3 };

function byKindThenRef(a: LineageNode, b: LineageNode): number {
  return (
    (KIND_ORDER[a.kind] ?? 9) - (KIND_ORDER[b.kind] ?? 9) ||
    a.ref.localeCompare(b.ref, 'en', { numeric: true })
  );
}

function sortEdges(edges: Array<{ from: string; to: string }>) {
  return edges.sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
}
