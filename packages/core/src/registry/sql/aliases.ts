import { VigieError } from '../../errors/index.js';
import type { AliasRequest, AliasState, ModelVersion } from '../entities.js';
import { describeMissing } from '../readiness.js';
import { checkAlias, checkName, parseRef, type VersionedKind } from '../refs.js';
import type { AliasMove, AliasTarget, By, MoveAliasInput } from '../store.js';
import type { SqlContext, Tx } from './database.js';
import { readinessOfModel } from './readiness-queries.js';
import { getVersion } from './resolve.js';
import { toAlias, toAliasRequest } from './rows.js';
import { appendEvent, nextNumber, writeTransaction } from './transaction.js';

async function aliasRow(tx: Tx, t: AliasTarget): Promise<AliasState> {
  const row = await tx
    .selectFrom('aliases')
    .selectAll()
    .where('kind', '=', t.kind)
    .where('name', '=', t.name)
    .where('alias', '=', t.alias)
    .executeTakeFirst();
  return row
    ? toAlias(row)
    : { kind: t.kind, name: t.name, alias: t.alias, targetId: null, protected: false, updatedAt: null };
}

/** A model may be pointed at only once it is ready for promotion (metrics and gates). */
async function checkPromotable(ctx: SqlContext, tx: Tx, t: AliasTarget, model: ModelVersion): Promise<void> {
  const readiness = await readinessOfModel(ctx, tx, model);
  if (!readiness.ready)
    throw new VigieError(
      'REFUSED',
      `cannot move ${t.name}@${t.alias} to ${model.name}@${model.version}: ${describeMissing(readiness)}`,
      { details: { ref: model.id } },
    );
}

function validate(t: AliasTarget): void {
  checkName(t.name, `${t.kind} name`);
  checkAlias(t.alias);
}

async function applyMove(
  ctx: SqlContext,
  tx: Tx,
  t: AliasTarget,
  targetId: string,
  meta: { by: string; reason: string | null; evidence: string[]; action: string },
): Promise<AliasMove> {
  const current = await aliasRow(tx, t);
  const at = ctx.now().toISOString();
  await tx
    .insertInto('aliases')
    .values({
      kind: t.kind,
      name: t.name,
      alias: t.alias,
      target_id: targetId,
      protected: current.protected ? 1 : 0,
      updated_at: at,
    })
    .onConflict((oc) =>
      oc.columns(['kind', 'name', 'alias']).doUpdateSet({ target_id: targetId, updated_at: at }),
    )
    .execute();
  const event = await appendEvent(tx, at, {
    actor: meta.by,
    type: 'alias.moved',
    subjectId: targetId,
    alias: { kind: t.kind, name: t.name, alias: t.alias, from: current.targetId, to: targetId },
    reason: meta.reason,
    evidence: meta.evidence,
    payload: { action: meta.action },
  });
  return { status: 'moved', event, alias: { ...current, targetId, updatedAt: at } };
}

export async function moveAlias(ctx: SqlContext, input: MoveAliasInput): Promise<AliasMove> {
  validate(input);
  return writeTransaction(ctx, async (tx) => {
    const target = await getVersion(tx, input.kind, { ...parseRef(`${input.name}@${input.to}`) });
    if (input.kind === 'model') await checkPromotable(ctx, tx, input, target as ModelVersion);
    const current = await aliasRow(tx, input);
    const meta = {
      by: input.by,
      reason: input.reason ?? null,
      evidence: input.evidence ?? [],
      action: input.action ?? 'set',
    };
    if (!current.protected) return applyMove(ctx, tx, input, target.id, meta);
    const at = ctx.now().toISOString();
    const request: AliasRequest = {
      id: `request:${await nextNumber(tx, 'alias-request')}`,
      kind: input.kind,
      name: input.name,
      alias: input.alias,
      targetId: target.id,
      requestedBy: input.by,
      requestedAt: at,
      reason: meta.reason ?? '',
      status: 'pending',
    };
    await tx
      .insertInto('alias_requests')
      .values({
        id: request.id,
        kind: request.kind,
        name: request.name,
        alias: request.alias,
        target_id: request.targetId,
        requested_by: request.requestedBy,
        requested_at: at,
        reason: request.reason,
        status: 'pending',
        decided_by: null,
        decided_at: null,
      })
      .execute();
    await appendEvent(tx, at, {
      actor: input.by,
      type: 'alias.requested',
      subjectId: target.id,
      alias: {
        kind: input.kind,
        name: input.name,
        alias: input.alias,
        from: current.targetId,
        to: target.id,
      },
      reason: meta.reason,
      evidence: [request.id, ...meta.evidence],
      payload: { action: meta.action },
    });
    return { status: 'pending', request };
  });
}

/** Approves a pending move of a protected alias; the approver must not be the requester. */
export async function approveAlias(
  ctx: SqlContext,
  requestId: string,
  input: By & { reason?: string | null },
): Promise<AliasMove> {
  return writeTransaction(ctx, async (tx) => {
    const row = await tx
      .selectFrom('alias_requests')
      .selectAll()
      .where('id', '=', requestId)
      .executeTakeFirst();
    if (!row)
      throw new VigieError('NOT_FOUND', `no alias request "${requestId}"`, { details: { ref: requestId } });
    const request = toAliasRequest(row);
    if (request.status !== 'pending')
      throw new VigieError('CONFLICT', `${requestId} is already ${request.status}`, {
        details: { ref: requestId },
      });
    if (request.requestedBy === input.by)
      throw new VigieError(
        'REFUSED',
        `${requestId} was requested by ${input.by}; someone else must approve it`,
        {
          details: { ref: requestId },
        },
      );
    const t: AliasTarget = { kind: request.kind, name: request.name, alias: request.alias };
    const target = await getVersion(tx, request.kind, parseRef(request.targetId));
    if (request.kind === 'model') await checkPromotable(ctx, tx, t, target as ModelVersion);
    const at = ctx.now().toISOString();
    await tx
      .updateTable('alias_requests')
      .set({ status: 'approved', decided_by: input.by, decided_at: at })
      .where('id', '=', requestId)
      .execute();
    await appendEvent(tx, at, {
      actor: input.by,
      type: 'alias.approved',
      subjectId: request.targetId,
      alias: { kind: t.kind, name: t.name, alias: t.alias, from: null, to: request.targetId },
      reason: input.reason ?? null,
      evidence: [requestId],
      payload: { requestedBy: request.requestedBy },
    });
    return applyMove(ctx, tx, t, request.targetId, {
      by: input.by,
      reason: request.reason || null,
      evidence: [requestId],
      action: 'approved',
    });
  });
}

export async function protectAlias(
  ctx: SqlContext,
  input: AliasTarget & By & { protect: boolean; reason?: string | null },
): Promise<AliasState> {
  validate(input);
  return writeTransaction(ctx, async (tx) => {
    await getVersion(tx, input.kind, { name: input.name, by: 'latest' });
    const current = await aliasRow(tx, input);
    const at = ctx.now().toISOString();
    const flag = input.protect ? 1 : 0;
    await tx
      .insertInto('aliases')
      .values({
        kind: input.kind,
        name: input.name,
        alias: input.alias,
        target_id: current.targetId,
        protected: flag,
        updated_at: current.updatedAt,
      })
      .onConflict((oc) => oc.columns(['kind', 'name', 'alias']).doUpdateSet({ protected: flag }))
      .execute();
    await appendEvent(tx, at, {
      actor: input.by,
      type: input.protect ? 'alias.protected' : 'alias.unprotected',
      subjectId: current.targetId,
      alias: {
        kind: input.kind,
        name: input.name,
        alias: input.alias,
        from: current.targetId,
        to: current.targetId,
      },
      reason: input.reason ?? null,
      evidence: [],
      payload: {},
    });
    return { ...current, protected: input.protect };
  });
}

export async function listAliases(ctx: SqlContext, kind: VersionedKind, name: string): Promise<AliasState[]> {
  const rows = await ctx.db
    .selectFrom('aliases')
    .selectAll()
    .where('kind', '=', kind)
    .where('name', '=', name)
    .orderBy('alias')
    .execute();
  return rows.map(toAlias);
}

export async function listAliasRequests(
  ctx: SqlContext,
  filter: { status?: AliasRequest['status'] } = {},
): Promise<AliasRequest[]> {
  let q = ctx.db.selectFrom('alias_requests').selectAll();
  if (filter.status) q = q.where('status', '=', filter.status);
  const rows = await q.orderBy('requested_at').execute();
  return rows.map(toAliasRequest);
}

/** Time travel: the target of the last move at or before `at`. */
export async function aliasAt(ctx: SqlContext, t: AliasTarget, at: string): Promise<string | null> {
  if (Number.isNaN(Date.parse(at)))
    throw new VigieError(
      'INVALID_ARGUMENT',
      `"${at}" is not a date and time (ISO 8601, e.g. 2026-11-30T12:00:00Z)`,
      {
        details: { field: 'at' },
      },
    );
  const iso = new Date(at).toISOString();
  const row = await ctx.db
    .selectFrom('events')
    .select('alias_to')
    .where('type', '=', 'alias.moved')
    .where('alias_kind', '=', t.kind)
    .where('alias_name', '=', t.name)
    .where('alias', '=', t.alias)
    .where('at', '<=', iso)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.alias_to ?? null;
}
