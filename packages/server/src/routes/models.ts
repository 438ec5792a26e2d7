import { parseRef } from '@vigie/core/registry';
import { z } from 'zod';
import { actorOf } from '../http/auth.js';
import { defineRoute } from '../route.js';
import { ModelVersion, RegisteredModel, RegisterModelBody } from '../schemas/index.js';
import { requireBlobs } from './blob-refs.js';
import { listQuery, refParams } from './params.js';

const tag = 'models';

export const modelRoutes = [
  defineRoute({
    method: 'POST',
    path: '/v1/models',
    operationId: 'registerModel',
    summary: 'Register a model version (its artifact must be uploaded first)',
    description:
      'The semver is derived from the lineage diff with the newest version: feature pipeline changed = major, ' +
      'model changed = minor, data only = patch. An identical registration returns the newest version (200).',
    tag,
    scope: 'write',
    body: RegisterModelBody,
    responses: {
      201: { description: 'a new version', schema: RegisteredModel },
      200: { description: 'identical to the newest version, which is returned', schema: RegisteredModel },
    },
    async handle({ body, token, deps }) {
      await requireBlobs(deps.blobs, [
        { hash: body.artifactHash, what: 'model artifactHash' },
        ...(body.analyses ?? []).map((a) => ({ hash: a.blobHash, what: `${a.kind} analysis blobHash` })),
      ]);
      const registered = await deps.store.registerModel({ ...body, by: actorOf(token) });
      return { status: registered.created ? 201 : 200, json: registered };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/v1/models',
    operationId: 'listModels',
    summary: "One model's versions (newest first), or the newest version of every model",
    tag,
    scope: 'read',
    query: listQuery,
    responses: { 200: { description: 'model versions', schema: z.array(ModelVersion) } },
    async handle({ query, deps }) {
      return { status: 200, json: await deps.store.listModels(query) };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/v1/models/{ref}',
    operationId: 'getModel',
    summary: 'A model version by reference: NAME, NAME@VERSION, NAME@SEMVER or NAME@ALIAS',
    tag,
    scope: 'read',
    params: refParams,
    responses: { 200: { description: 'the version', schema: ModelVersion } },
    async handle({ params, deps }) {
      return { status: 200, json: await deps.store.getModel(parseRef(params.ref)) };
    },
  }),
];
