import type { LineageGraph, LineageNode } from '@vigie/core/registry';
import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { UsageError } from '../exit-codes.js';
import { useColor } from '../io.js';
import { jsonReplacer } from '../outputs.js';
import { type Colors, colors, eventLine } from '../registry/format.js';
import { idOf } from '../registry/kind.js';
import { addRegistryOptions, openCliRegistry, type RegistryFlags } from '../registry/open.js';
import { colorFlag } from './common.js';

/** The graph as an indented tree from the root; a node reached twice is shown once, then "(above)". */
function renderTree(graph: LineageGraph, c: Colors): string {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const next = new Map<string, string[]>();
  for (const e of graph.edges) {
    const [from, to] = graph.direction === 'down' ? [e.from, e.to] : [e.to, e.from];
    next.set(from, [...(next.get(from) ?? []), to]);
  }
  const label = (n: LineageNode) => `${c.dim(n.kind)} ${n.ref}`;
  const lines = [label(graph.root)];
  const seen = new Set([graph.root.id]);
  const walk = (id: string, prefix: string) => {
    const children = next.get(id) ?? [];
    children.forEach((child, i) => {
      const last = i === children.length - 1;
      const node = byId.get(child);
      if (!node) return;
      const repeat = seen.has(child);
      lines.push(`${prefix}${last ? '└─ ' : '├─ '}${label(node)}${repeat ? c.dim(' (above)') : ''}`);
      if (repeat) return;
      seen.add(child);
      walk(child, `${prefix}${last ? '   ' : '│  '}`);
    });
  };
  walk(graph.root.id, '');
  return lines.join('\n');
}

export function registerLineageCommands(program: Command, ctx: CommandContext): void {
  const lineage = program
    .command('lineage')
    .summary('what a dataset or model derives from (--up), or what derives from it (--down)')
    .argument('<ref>', 'NAME@VERSION of a dataset or model, or a record id such as deployment:3')
    .option('--up', 'towards the sources (default)')
    .option('--down', 'towards derived datasets, models and deployments')
    .option('--json', 'print {"root", "nodes": [{"ref", "kind"}], "edges": [{"from", "to"}]}');
  addRegistryOptions(lineage);
  lineage.addHelpText(
    'after',
    '\nExamples:\n  $ vigie lineage penguin-clf@2 --up        sources, datasets and parents behind a model\n  $ vigie lineage penguins@1 --down --json  every dataset, model and deployment made from it',
  );
  lineage.action(
    async (
      ref: string,
      flags: RegistryFlags & { up?: boolean; down?: boolean; json?: boolean },
      command: Command,
    ) => {
      if (flags.up && flags.down) throw new UsageError('choose --up or --down, not both');
      await using registry = await openCliRegistry(ctx, flags);
      const graph = await registry.store.lineage(await idOf(registry.store, ref), flags.down ? 'down' : 'up');
      if (flags.json) {
        const refOf = new Map(graph.nodes.map((n) => [n.id, n.ref]));
        const out = {
          root: graph.root.ref,
          direction: graph.direction,
          nodes: graph.nodes.map((n) => ({ ref: n.ref, kind: n.kind, id: n.id })),
          edges: graph.edges.map((e) => ({ from: refOf.get(e.from) ?? e.from, to: refOf.get(e.to) ?? e.to })),
        };
        return void ctx.io.stdout.write(`${JSON.stringify(out, jsonReplacer, 2)}\n`);
      }
      ctx.io.stdout.write(`${renderTree(graph, colors(useColor(ctx.io, colorFlag(command))))}\n`);
    },
  );

  const impact = program
    .command('impact')
    .summary('everything derived from a source (GDPR): datasets, models and deployments to rebuild')
    .argument('[source]', 'the source URI, as registered (see vigie dataset show)')
    .option('--personal-data', 'everything derived from any source flagged as personal data')
    .option('--json', 'print {"source", "affected": [{"ref", "kind"}]}');
  addRegistryOptions(impact);
  impact.addHelpText(
    'after',
    '\nExamples:\n  $ vigie impact https://example.org/customers.csv\n  $ vigie impact --personal-data --json',
  );
  impact.action(
    async (source: string | undefined, flags: RegistryFlags & { personalData?: boolean; json?: boolean }) => {
      if (!source && !flags.personalData) throw new UsageError('give a source URI or --personal-data');
      if (source && flags.personalData)
        throw new UsageError('give a source URI or --personal-data, not both');
      await using registry = await openCliRegistry(ctx, flags);
      const result = await registry.store.impact(source ? { uri: source } : { personalData: true });
      if (flags.json) {
        const refOf = new Map(result.affected.map((n) => [n.id, n.ref]));
        for (const s of result.sources) refOf.set(s.id, s.uri);
        const out = {
          source: result.source,
          sources: result.sources,
          affected: result.affected.map((n) => ({ ref: n.ref, kind: n.kind, id: n.id })),
          edges: result.edges.map((e) => ({
            from: refOf.get(e.from) ?? e.from,
            to: refOf.get(e.to) ?? e.to,
          })),
        };
        return void ctx.io.stdout.write(`${JSON.stringify(out, jsonReplacer, 2)}\n`);
      }
      const lines = [
        `${result.sources.length} source record(s): ${result.sources.map((s) => `${s.uri}${s.contentHash ? ` (sha256:${s.contentHash.slice(0, 12)})` : ''}${s.personalData ? ' [personal data]' : ''}`).join(', ') || 'none'}`,
      ];
      const kinds = ['dataset', 'model', 'deployment'];
      for (const kind of kinds) {
        const nodes = result.affected.filter((n) => n.kind === kind);
        lines.push(
          `${nodes.length} ${kind}${nodes.length === 1 ? '' : 's'} to rebuild or review: ${nodes.map((n) => n.ref).join(', ') || '-'}`,
        );
      }
      ctx.io.stdout.write(`${lines.join('\n')}\n`);
    },
  );

  const events = program
    .command('events')
    .summary("the registry's append-only log: registrations, alias moves, approvals, promotions, rollbacks")
    .option('--subject <ref>', 'only events about this dataset or model version')
    .option('--type <type>', 'only this type, e.g. alias.moved')
    .option('--limit <n>', 'at most this many (the oldest first)', (v) => Number(v), 1000)
    .option('--json', 'print the events as JSON');
  addRegistryOptions(events);
  events.action(
    async (
      flags: RegistryFlags & { subject?: string; type?: string; limit: number; json?: boolean },
      command: Command,
    ) => {
      await using registry = await openCliRegistry(ctx, flags);
      const list = await registry.store.events({
        ...(flags.subject ? { subjectId: await idOf(registry.store, flags.subject) } : {}),
        ...(flags.type ? { type: flags.type } : {}),
        limit: flags.limit,
      });
      if (flags.json) return void ctx.io.stdout.write(`${JSON.stringify(list, jsonReplacer, 2)}\n`);
      const c = colors(useColor(ctx.io, colorFlag(command)));
      ctx.io.stdout.write(
        list.length === 0 ? 'no events\n' : `${list.map((e) => eventLine(c, e)).join('\n')}\n`,
      );
    },
  );
}
