import { parseRef } from '@vigie/core/registry';
import { z } from 'zod';
import { actorOf } from '../http/auth.js';
import { defineRoute } from '../route.js';
import { DatasetVersion, RegisterDatasetBody, RegisteredDataset } from '../schemas/index.js';
import { requireBlobs } from './blob-refs.js';
import { listQuery, refParams } from './params.js';

const tag = 'datasets';

export const datasetRoutes = [
  defineRoute({
    method: 'POST',
    path: '/v1/datasets',
    operationId: 'registerDataset',
    summary: 'Register a dataset version (its bytes must be uploaded first)',
    description:
      'The version number and semver are decided by the registry from the lineage diff with the newest version. ' +
      'Registering what the newest version already is returns it (`created: false`, status 200) and attaches only new analyses.',
    tag,
    scope: 'write',
    body: RegisterDatasetBody,
    responses: {
      201: { description: 'a new version', schema: RegisteredDataset },
      200: { description: 'identical to the newest version, which is returned', schema: RegisteredDataset },
    },
    async handle({ body, token, deps }) {
      await requireBlobs(deps.blobs, [
        { hash: body.contentHash, what: 'dataset contentHash' },
        ...(body.splits ?? []).map((s) => ({ hash: s.blobHash, what: `split ${s.name} blobHash` })),
        ...(body.analyses ?? []).map((a) => ({ hash: a.blobHash, what: `${a.kind} analysis blobHash` })),
      ]);
      const registered = await deps.store.registerDataset({ ...body, by: actorOf(token) });
      return { status: registered.created ? 201 : 200, json: registered };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/v1/datasets',
    operationId: 'listDatasets',
    summary: "One dataset's versions (newest first), or the newest version of every dataset",
    tag,
    scope: 'read',
    query: listQuery,
    responses: { 200: { description: 'dataset versions', schema: z.array(DatasetVersion) } },
    async handle({ query, deps }) {
      return { status: 200, json: await deps.store.listDatasets(query) };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/v1/datasets/{ref}',
    operationId: 'getDataset',
    summary: 'A dataset version by reference: NAME, NAME@VERSION, NAME@SEMVER or NAME@ALIAS',
    tag,
    scope: 'read',
    params: refParams,
    responses: { 200: { description: 'the version', schema: DatasetVersion } },
    async handle({ params, deps }) {
      return { status: 200, json: await deps.store.getDataset(parseRef(params.ref)) };
    },
  }),
];
