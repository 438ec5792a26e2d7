import { z } from 'zod';
import { actorOf } from '../http/auth.js';
import { defineRoute } from '../route.js';
import {
  AliasMove,
  AliasRequest,
  AliasState,
  AliasTargetAt,
  MoveAliasBody,
  ProtectAliasBody,
  ReasonBody,
} from '../schemas/index.js';
import { versionedKind } from './params.js';

const tag = 'aliases';
const nameParams = z.strictObject({
  kind: versionedKind,
  name: z.string().describe('the dataset or model name'),
});
const aliasParams = nameParams.extend({ alias: z.string().describe('e.g. champion, production') });
const moved = (move: { status: 'moved' | 'pending' }) => (move.status === 'moved' ? 200 : 202);

export const aliasRoutes = [
  defineRoute({
    method: 'GET',
    path: '/v1/aliases/{kind}/{name}',
    operationId: 'listAliases',
    summary: 'The aliases of a dataset or model: where each points and whether it is protected',
    tag,
    scope: 'read',
    params: nameParams,
    responses: { 200: { description: 'aliases', schema: z.array(AliasState) } },
    async handle({ params, deps }) {
      return { status: 200, json: await deps.store.listAliases(params.kind, params.name) };
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/v1/aliases/{kind}/{name}/{alias}',
    operationId: 'moveAlias',
    summary: 'Point an alias at a version (a protected alias answers 202 and waits for an approval)',
    description:
      'A model alias moves only to a version ready for promotion (metrics and passed gates); otherwise 409 REFUSED with what is missing.',
    tag,
    scope: 'write',
    params: aliasParams,
    body: MoveAliasBody,
    responses: {
      200: { description: 'moved: the event and the alias', schema: AliasMove },
      202: { description: 'pending: the request waiting for approval', schema: AliasMove },
    },
    async handle({ params, body, token, deps }) {
      const move = await deps.store.moveAlias({ ...params, ...body, by: actorOf(token) });
      return { status: moved(move), json: move };
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/v1/aliases/{kind}/{name}/{alias}/protection',
    operationId: 'protectAlias',
    summary: 'Protect an alias (moves then need the approval of someone else) or lift the protection',
    tag,
    scope: 'write',
    params: aliasParams,
    body: ProtectAliasBody,
    responses: { 200: { description: 'the alias', schema: AliasState } },
    async handle({ params, body, token, deps }) {
      return { status: 200, json: await deps.store.protectAlias({ ...params, ...body, by: actorOf(token) }) };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/v1/aliases/{kind}/{name}/{alias}/target',
    operationId: 'aliasAt',
    summary: 'What the alias pointed at, at a given time (time travel over the event log)',
    tag,
    scope: 'read',
    params: aliasParams,
    query: z.strictObject({ at: z.string().describe('ISO 8601, e.g. 2026-11-30T12:00:00Z') }),
    responses: { 200: { description: 'the target then, or null', schema: AliasTargetAt } },
    async handle({ params, query, deps }) {
      return { status: 200, json: { at: query.at, targetId: await deps.store.aliasAt(params, query.at) } };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/v1/alias-requests',
    operationId: 'listAliasRequests',
    summary: 'Requests to move protected aliases, oldest first',
    tag,
    scope: 'read',
    query: z.strictObject({ status: z.enum(['pending', 'approved', 'rejected']).optional() }),
    responses: { 200: { description: 'requests', schema: z.array(AliasRequest) } },
    async handle({ query, deps }) {
      return { status: 200, json: await deps.store.listAliasRequests(query) };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/v1/alias-requests/{id}/approval',
    operationId: 'approveAlias',
    summary: 'Approve a pending move of a protected alias (the approver must not be the requester)',
    tag,
    scope: 'write',
    params: z.strictObject({ id: z.string().describe('e.g. request:3') }),
    body: ReasonBody,
    responses: { 200: { description: 'moved: the event and the alias', schema: AliasMove } },
    async handle({ params, body, token, deps }) {
      const move = await deps.store.approveAlias(params.id, { ...body, by: actorOf(token) });
      return { status: moved(move), json: move };
    },
  }),
];
