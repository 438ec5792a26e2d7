import { parseRef } from '@vigie/core/registry';
import { actorOf } from '../http/auth.js';
import { defineRoute } from '../route.js';
import { Readiness, ReasonBody, RegistryEvent } from '../schemas/index.js';
import { refParams } from './params.js';

const tag = 'readiness';

export const readinessRoutes = [
  defineRoute({
    method: 'GET',
    path: '/v1/datasets/{ref}/readiness',
    operationId: 'datasetReadiness',
    summary: 'Whether a dataset version passed what training requires (profile, checks, split)',
    tag,
    scope: 'read',
    params: refParams,
    responses: { 200: { description: 'each requirement, met or not, with its evidence', schema: Readiness } },
    async handle({ params, deps }) {
      return { status: 200, json: await deps.store.datasetReadiness(parseRef(params.ref)) };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/v1/datasets/{ref}/ready',
    operationId: 'markDatasetReady',
    summary: 'Mark a dataset version ready for training (refused, 409, listing what is missing)',
    tag,
    scope: 'write',
    params: refParams,
    body: ReasonBody,
    responses: { 201: { description: 'the dataset.ready event', schema: RegistryEvent } },
    async handle({ params, body, token, deps }) {
      const event = await deps.store.markDatasetReady(parseRef(params.ref), { ...body, by: actorOf(token) });
      return { status: 201, json: event };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/v1/models/{ref}/readiness',
    operationId: 'modelReadiness',
    summary: 'Whether a model version may be promoted: metrics on the required splits and passed gates',
    tag,
    scope: 'read',
    params: refParams,
    responses: { 200: { description: 'each requirement, met or not, with its evidence', schema: Readiness } },
    async handle({ params, deps }) {
      return { status: 200, json: await deps.store.modelReadiness(parseRef(params.ref)) };
    },
  }),
];
