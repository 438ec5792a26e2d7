import { VigieError } from '@vigie/core/errors';
import { type AliasTarget, parseRef } from '@vigie/core/registry';
import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { useColor } from '../io.js';
import { jsonReplacer } from '../outputs.js';
import { colors, eventLine, table } from '../registry/format.js';
import { kindOf } from '../registry/kind.js';
import { actorOf, addRegistryOptions, openCliRegistry, type RegistryFlags } from '../registry/open.js';
import { colorFlag } from './common.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** `clf@champion` or `model:clf@champion` → the alias it names. */
async function aliasTarget(store: Parameters<typeof kindOf>[0], text: string): Promise<AliasTarget> {
  const ref = parseRef(text);
  if (ref.by !== 'alias')
    throw new VigieError(
      'INVALID_ARGUMENT',
      `"${text}" does not name an alias: write NAME@ALIAS, e.g. clf@champion`,
      {
        details: { ref: text },
      },
    );
  return { kind: await kindOf(store, text), name: ref.name, alias: ref.alias };
}

interface MoveFlags extends RegistryFlags {
  reason?: string;
  evidence?: string[];
  json?: boolean;
}

export function registerAliasCommands(program: Command, ctx: CommandContext): void {
  const group = program
    .command('alias')
    .summary('move, protect, approve and roll back aliases such as champion or production')
    .description(
      'An alias (champion, production, any name) points at one version of a dataset or model. Every move, ' +
        'approval, promotion and rollback is an event in an append-only log with actor, time, reason and ' +
        'evidence. Moving a model alias needs the version to be ready for promotion (metrics on the required ' +
        'splits and passed gates); a protected alias moves only when someone else approves. Prefix a name used ' +
        'by both a dataset and a model: model:clf@champion.',
    );

  const move = (action: 'set' | 'promote') => async (text: string, version: string, flags: MoveFlags) => {
    await using registry = await openCliRegistry(ctx, flags);
    const target = await aliasTarget(registry.store, text);
    const result = await registry.store.moveAlias({
      ...target,
      to: version.replace(/^.*@/, ''),
      by: actorOf(ctx, flags),
      reason: flags.reason ?? null,
      evidence: flags.evidence ?? [],
      action,
    });
    if (flags.json) return void ctx.io.stdout.write(`${JSON.stringify(result, jsonReplacer, 2)}\n`);
    if (result.status === 'pending')
      ctx.io.stdout.write(
        `${target.name}@${target.alias} is protected: request ${result.request.id} to move it to ${result.request.targetId} waits for approval (vigie alias approve ${result.request.id})\n`,
      );
    else
      ctx.io.stdout.write(
        `${target.name}@${target.alias} → ${result.alias.targetId} (was ${result.event.alias?.from ?? 'unset'}; event #${result.event.seq})\n`,
      );
  };

  const set = group
    .command('set')
    .summary('point an alias at a version')
    .argument('<alias>', 'NAME@ALIAS, e.g. clf@champion')
    .argument('<version>', 'the version: 3, 1.2.0, latest or another alias')
    .option('--reason <text>', 'why, recorded with the event')
    .option('--evidence <id>', 'a record that justifies it, e.g. evaluation:12 (repeatable)', collect)
    .option('--json', 'print the result as JSON');
  addRegistryOptions(set);
  set.addHelpText(
    'after',
    '\nExamples:\n  $ vigie alias set clf@champion 3 --reason "beats 2 on the test split" --evidence evaluation:7\n  $ vigie alias set penguins@gold latest',
  );
  set.action(move('set'));

  const promote = group
    .command('promote')
    .summary('like set, recorded as a promotion')
    .argument('<alias>', 'NAME@ALIAS, e.g. clf@production')
    .argument('<version>', 'the version')
    .option('--reason <text>', 'why, recorded with the event')
    .option('--evidence <id>', 'a record that justifies it (repeatable)', collect)
    .option('--json', 'print the result as JSON');
  addRegistryOptions(promote);
  promote.action(move('promote'));

  const rollback = group
    .command('rollback')
    .summary('return an alias to the version it pointed at before its last move')
    .argument('<alias>', 'NAME@ALIAS')
    .option('--reason <text>', 'why, recorded with the event')
    .option('--json', 'print the result as JSON');
  addRegistryOptions(rollback);
  rollback.action(async (text: string, flags: MoveFlags) => {
    await using registry = await openCliRegistry(ctx, flags);
    const target = await aliasTarget(registry.store, text);
    const moves = (await registry.store.events({ alias: target, type: 'alias.moved' })).reverse();
    const previous = moves[0]?.alias?.from;
    if (!previous)
      throw new VigieError(
        'REFUSED',
        `${target.name}@${target.alias} has no earlier version to roll back to`,
        { details: { ref: text } },
      );
    const result = await registry.store.moveAlias({
      ...target,
      to: previous.slice(previous.lastIndexOf('@') + 1),
      by: actorOf(ctx, flags),
      reason: flags.reason ?? null,
      evidence: [`event:${moves[0]!.seq}`],
      action: 'rollback',
    });
    if (flags.json) return void ctx.io.stdout.write(`${JSON.stringify(result, jsonReplacer, 2)}\n`);
    if (result.status === 'pending')
      ctx.io.stdout.write(
        `rollback of ${target.name}@${target.alias} to ${previous} waits for approval: ${result.request.id}\n`,
      );
    else
      ctx.io.stdout.write(
        `${target.name}@${target.alias} rolled back to ${previous} (event #${result.event.seq})\n`,
      );
  });

  const approve = group
    .command('approve')
    .summary('approve a pending move of a protected alias (not your own)')
    .argument('<request>', 'the request id, e.g. request:3 (see vigie alias requests)')
    .option('--reason <text>', 'recorded with the approval')
    .option('--json', 'print the result as JSON');
  addRegistryOptions(approve);
  approve.action(async (id: string, flags: MoveFlags) => {
    await using registry = await openCliRegistry(ctx, flags);
    const result = await registry.store.approveAlias(id, {
      by: actorOf(ctx, flags),
      reason: flags.reason ?? null,
    });
    if (flags.json) return void ctx.io.stdout.write(`${JSON.stringify(result, jsonReplacer, 2)}\n`);
    if (result.status === 'moved')
      ctx.io.stdout.write(
        `approved ${id}: ${result.alias.name}@${result.alias.alias} → ${result.alias.targetId} (event #${result.event.seq})\n`,
      );
  });

  const requests = group
    .command('requests')
    .summary('list alias moves waiting for approval')
    .option('--all', 'include approved ones')
    .option('--json', 'print them as JSON');
  addRegistryOptions(requests);
  requests.action(async (flags: RegistryFlags & { all?: boolean; json?: boolean }) => {
    await using registry = await openCliRegistry(ctx, flags);
    const list = await registry.store.listAliasRequests(flags.all ? {} : { status: 'pending' });
    if (flags.json) return void ctx.io.stdout.write(`${JSON.stringify(list, jsonReplacer, 2)}\n`);
    if (list.length === 0) return void ctx.io.stdout.write('no pending requests\n');
    const rows = [['REQUEST', 'ALIAS', 'TO', 'BY', 'AT', 'STATUS', 'REASON']];
    for (const r of list)
      rows.push([
        r.id,
        `${r.kind}:${r.name}@${r.alias}`,
        r.targetId,
        r.requestedBy,
        r.requestedAt,
        r.status,
        r.reason,
      ]);
    ctx.io.stdout.write(`${table(rows)}\n`);
  });

  const protect = group
    .command('protect')
    .summary('require an approval by someone else for every move of an alias')
    .argument('<alias>', 'NAME@ALIAS')
    .option('--off', 'remove the protection')
    .option('--reason <text>', 'recorded with the event');
  addRegistryOptions(protect);
  protect.action(async (text: string, flags: RegistryFlags & { off?: boolean; reason?: string }) => {
    await using registry = await openCliRegistry(ctx, flags);
    const target = await aliasTarget(registry.store, text);
    await registry.store.protectAlias({
      ...target,
      protect: !flags.off,
      by: actorOf(ctx, flags),
      reason: flags.reason ?? null,
    });
    ctx.io.stdout.write(
      `${target.name}@${target.alias} is ${flags.off ? 'no longer protected' : 'protected: moves need an approval'}\n`,
    );
  });

  const list = group
    .command('list')
    .summary('list the aliases of a dataset or model')
    .argument('<name>', 'the dataset or model name (prefix with dataset: or model: if both exist)')
    .option('--json', 'print them as JSON');
  addRegistryOptions(list);
  list.action(async (name: string, flags: RegistryFlags & { json?: boolean }) => {
    await using registry = await openCliRegistry(ctx, flags);
    const kind = await kindOf(registry.store, name);
    const aliases = await registry.store.listAliases(kind, parseRef(name).name);
    if (flags.json) return void ctx.io.stdout.write(`${JSON.stringify(aliases, jsonReplacer, 2)}\n`);
    if (aliases.length === 0) return void ctx.io.stdout.write(`no aliases on ${kind} ${name}\n`);
    const rows = [['ALIAS', 'TARGET', 'PROTECTED', 'SINCE']];
    for (const a of aliases)
      rows.push([a.alias, a.targetId ?? '-', a.protected ? 'yes' : 'no', a.updatedAt ?? '-']);
    ctx.io.stdout.write(`${table(rows)}\n`);
  });

  const history = group
    .command('history')
    .summary('the moves of an alias, or what it pointed at at a given time')
    .argument('<alias>', 'NAME@ALIAS')
    .option('--at <time>', 'only say what the alias pointed at, at this time (ISO 8601)')
    .option('--json', 'print the events as JSON');
  addRegistryOptions(history);
  history.addHelpText(
    'after',
    '\nExamples:\n  $ vigie alias history clf@production\n  $ vigie alias history clf@production --at 2026-11-30T09:00:00Z',
  );
  history.action(
    async (text: string, flags: RegistryFlags & { at?: string; json?: boolean }, command: Command) => {
      await using registry = await openCliRegistry(ctx, flags);
      const target = await aliasTarget(registry.store, text);
      if (flags.at) {
        const id = await registry.store.aliasAt(target, flags.at);
        if (flags.json)
          return void ctx.io.stdout.write(`${JSON.stringify({ alias: text, at: flags.at, target: id })}\n`);
        return void ctx.io.stdout.write(
          `${target.name}@${target.alias} at ${flags.at}: ${id ?? 'not set'}\n`,
        );
      }
      const events = await registry.store.events({ alias: target });
      if (flags.json) return void ctx.io.stdout.write(`${JSON.stringify(events, jsonReplacer, 2)}\n`);
      if (events.length === 0)
        return void ctx.io.stdout.write(`${target.name}@${target.alias} was never set\n`);
      const c = colors(useColor(ctx.io, colorFlag(command)));
      ctx.io.stdout.write(`${events.map((e) => eventLine(c, e)).join('\n')}\n`);
    },
  );
}
