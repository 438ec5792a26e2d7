import { z } from 'zod';
import { actorOf } from '../http/auth.js';
import { defineRoute } from '../route.js';
import {
  AnyRecord,
  Deployment,
  Evaluation,
  RecordDeploymentBody,
  RecordEvaluationBody,
  RecordReleaseBody,
  RecordReleaseEventBody,
  RegistryEvent,
  Release,
} from '../schemas/index.js';
import { idParams } from './params.js';

export const recordRoutes = [
  defineRoute({
    method: 'POST',
    path: '/v1/evaluations',
    operationId: 'recordEvaluation',
    summary: 'Record an evaluation of a model version on data',
    tag: 'evaluations',
    scope: 'write',
    body: RecordEvaluationBody,
    responses: { 201: { description: 'the evaluation', schema: Evaluation } },
    async handle({ body, token, deps }) {
      return { status: 201, json: await deps.store.recordEvaluation({ ...body, by: actorOf(token) }) };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/v1/evaluations',
    operationId: 'listEvaluations',
    summary: 'The evaluations of a model version, oldest first',
    tag: 'evaluations',
    scope: 'read',
    query: z.strictObject({ model: z.string().describe('the model version id, e.g. model:clf@2') }),
    responses: { 200: { description: 'evaluations', schema: z.array(Evaluation) } },
    async handle({ query, deps }) {
      return { status: 200, json: await deps.store.listEvaluations(query.model) };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/v1/releases',
    operationId: 'recordRelease',
    summary: 'Record a release of a candidate model version (against an optional baseline)',
    tag: 'releases',
    scope: 'write',
    body: RecordReleaseBody,
    responses: { 201: { description: 'the release', schema: Release } },
    async handle({ body, token, deps }) {
      return { status: 201, json: await deps.store.recordRelease({ ...body, by: actorOf(token) }) };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/v1/releases/{id}/events',
    operationId: 'recordReleaseEvent',
    summary:
      "Append a release.* event (a decision with its reason and evidence) and set the release's status",
    tag: 'releases',
    scope: 'write',
    params: idParams,
    body: RecordReleaseEventBody,
    responses: { 201: { description: 'the event', schema: RegistryEvent } },
    async handle({ params, body, token, deps }) {
      return {
        status: 201,
        json: await deps.store.recordReleaseEvent({ ...body, release: params.id, by: actorOf(token) }),
      };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/v1/deployments',
    operationId: 'recordDeployment',
    summary: 'Record a deployment of a model version to a target',
    tag: 'deployments',
    scope: 'write',
    body: RecordDeploymentBody,
    responses: { 201: { description: 'the deployment', schema: Deployment } },
    async handle({ body, token, deps }) {
      return { status: 201, json: await deps.store.recordDeployment({ ...body, by: actorOf(token) }) };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/v1/records/{id}',
    operationId: 'getRecord',
    summary: 'Any record by id: a dataset or model version, source, evaluation, release or deployment',
    tag: 'records',
    scope: 'read',
    params: idParams,
    responses: { 200: { description: 'the record', schema: AnyRecord } },
    async handle({ params, deps }) {
      return { status: 200, json: await deps.store.getRecord(params.id) };
    },
  }),
];
