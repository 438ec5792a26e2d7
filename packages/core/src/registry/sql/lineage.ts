import { sql } from 'kysely';
import { VigieError } from '../../errors/index.js';
import { describeId } from '../refs.js';
import type { Impact, LineageGraph, LineageNode } from '../store.js';
import type { SqlContext } from './database.js';
import { findRecord, listSources } from './records.js';

type Edge = { from: string; to: string };

/**
 * The lineage edges reachable from `roots`, in one recursive query: downwards (what derives from
 * them) or upwards (what they derive from). The walk is over edges, so each edge is read once and
 * UNION's deduplication ends it on any graph; the nodes are the roots and the edges' far ends.
 */
async function walk(ctx: SqlContext, roots: string[], direction: 'up' | 'down'): Promise<Edge[]> {
  if (roots.length === 0) return [];
  const ids = sql.join(roots.map((r) => sql`cast(${r} as text)`));
  const query =
    direction === 'down'
      ? sql<{ from_id: string; to_id: string }>`
          with recursive w(from_id, to_id) as (
            select e.from_id, e.to_id from edges e where e.from_id in (${ids})
            union
            select e.from_id, e.to_id from edges e join w on e.from_id = w.to_id)
          select from_id, to_id from w`
      : sql<{ from_id: string; to_id: string }>`
          with recursive w(from_id, to_id) as (
            select e.from_id, e.to_id from edges e where e.to_id in (${ids})
            union
            select e.from_id, e.to_id from edges e join w on e.to_id = w.from_id)
          select from_id, to_id from w`;
  const { rows } = await query.execute(ctx.db);
  return rows.map((r) => ({ from: r.from_id, to: r.to_id }));
}

/** Distance of every reached node from the roots (breadth first), for a stable reading order. */
function depths(roots: string[], edges: Edge[], direction: 'up' | 'down'): Map<string, number> {
  const next = new Map<string, string[]>();
  for (const e of edges) {
    const [a, b] = direction === 'down' ? [e.from, e.to] : [e.to, e.from];
    const list = next.get(a);
    if (list) list.push(b);
    else next.set(a, [b]);
  }
  const depth = new Map(roots.map((r) => [r, 0]));
  let frontier = roots;
  for (let d = 1; frontier.length > 0; d++) {
    const upcoming: string[] = [];
    for (const id of frontier)
      for (const n of next.get(id) ?? [])
        if (!depth.has(n)) {
          depth.set(n, d);
          upcoming.push(n);
        }
    frontier = upcoming;
  }
  return depth;
}

async function nodesFor(ctx: SqlContext, ids: Iterable<string>): Promise<LineageNode[]> {
  const all = [...ids];
  const sourceIds = all.filter((id) => id.startsWith('source:'));
  const uris = new Map<string, string>();
  for (let i = 0; i < sourceIds.length; i += 500) {
    const rows = await ctx.db
      .selectFrom('sources')
      .select(['id', 'uri'])
      .where('id', 'in', sourceIds.slice(i, i + 500))
      .execute();
    for (const r of rows) uris.set(r.id, r.uri);
  }
  return all.map((id) => {
    const { kind, ref } = describeId(id);
    return { id, kind, ref: uris.get(id) ?? ref };
  });
}

export async function lineage(ctx: SqlContext, id: string, direction: 'up' | 'down'): Promise<LineageGraph> {
  if (!(await findRecord(ctx.db, id)))
    throw new VigieError('NOT_FOUND', `nothing registered with id "${id}"`, { details: { ref: id } });
  const edges = await walk(ctx, [id], direction);
  const depth = depths([id], edges, direction);
  const nodes = (await nodesFor(ctx, depth.keys())).sort(
    (a, b) => depth.get(a.id)! - depth.get(b.id)! || byKindThenRef(a, b),
  );
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
  const roots = sources.map((s) => s.id);
  const edges = await walk(ctx, roots, 'down');
  const reached = new Set(edges.map((e) => e.to));
  for (const r of roots) reached.delete(r);
  const affected = (await nodesFor(ctx, reached)).sort(byKindThenRef);
  return { source: 'uri' in what ? what.uri : 'personal-data', sources, affected, edges: sortEdges(edges) };
}

const KIND_ORDER: Record<string, number> = { source: 0, dataset: 1, model: 2, deployment: 3 };
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Kind, then name, then version number (so clf@10 follows clf@9); other refs as text. */
function byKindThenRef(a: LineageNode, b: LineageNode): number {
  const kind = (KIND_ORDER[a.kind] ?? 9) - (KIND_ORDER[b.kind] ?? 9);
  if (kind !== 0) return kind;
  const at = a.ref.lastIndexOf('@');
  const bt = b.ref.lastIndexOf('@');
  if (at < 0 || bt < 0 || a.kind === 'source') return byText(a.ref, b.ref);
  return (
    byText(a.ref.slice(0, at), b.ref.slice(0, bt)) ||
    Number(a.ref.slice(at + 1)) - Number(b.ref.slice(bt + 1))
  );
}

function sortEdges(edges: Edge[]): Edge[] {
  return edges.sort((a, b) => byText(a.from, b.from) || byText(a.to, b.to));
}
