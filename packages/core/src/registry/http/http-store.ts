import { formatRef, type VersionRef } from '../refs.js';
import type { RegistryStore } from '../store.js';
import { createHttpClient, type HttpClientOptions } from './http-client.js';

/**
 * A `RegistryStore` that calls a Vigie server (`vigie server`, package `@vigie/server`): the same
 * interface and the same errors as the SQL stores, so callers do not care where the registry is.
 * The server records the token's name as the actor of every write, whatever `by` says.
 *
 * @example
 * await using store = createHttpRegistryStore({ url: 'http://127.0.0.1:7700', token });
 * const dataset = await store.getDataset(parseRef('penguins@latest'));
 */
export function createHttpRegistryStore(options: HttpClientOptions): RegistryStore {
  const http = createHttpClient(options);
  const get = <T>(path: string[], query?: Record<string, string | number | boolean | undefined>) =>
    http.json<T>('GET', ['v1', ...path], query ? { query } : {});
  const send = <T>(method: 'POST' | 'PUT', path: string[], json: unknown) =>
    http.json<T>(method, ['v1', ...path], { json });
  const ref = (r: VersionRef) => formatRef(r);
  return {
    location: http.location,
    registerDataset: (input) => send('POST', ['datasets'], input),
    getDataset: (r) => get(['datasets', ref(r)]),
    listDatasets: (o = {}) => get(['datasets'], { name: o.name, limit: o.limit }),
    registerModel: (input) => send('POST', ['models'], input),
    getModel: (r) => get(['models', ref(r)]),
    listModels: (o = {}) => get(['models'], { name: o.name, limit: o.limit }),
    getSource: (id) => get(['sources', id]),
    listSources: (f = {}) => get(['sources'], { uri: f.uri, personalData: f.personalData }),
    attachAnalysis: (subjectId, input) => send('POST', ['analyses'], { subjectId, ...input }),
    listAnalyses: (subjectId) => get(['analyses'], { subject: subjectId }),
    datasetReadiness: (r) => get(['datasets', ref(r), 'readiness']),
    markDatasetReady: (r, input) => send('POST', ['datasets', ref(r), 'ready'], input),
    modelReadiness: (r) => get(['models', ref(r), 'readiness']),
    recordEvaluation: (input) => send('POST', ['evaluations'], input),
    listEvaluations: (modelId) => get(['evaluations'], { model: modelId }),
    recordRelease: (input) => send('POST', ['releases'], input),
    recordReleaseEvent: ({ release, ...input }) => send('POST', ['releases', release, 'events'], input),
    recordDeployment: (input) => send('POST', ['deployments'], input),
    getRecord: (id) => get(['records', id]),
    moveAlias: ({ kind, name, alias, ...move }) => send('PUT', ['aliases', kind, name, alias], move),
    approveAlias: (requestId, input) => send('POST', ['alias-requests', requestId, 'approval'], input),
    protectAlias: ({ kind, name, alias, ...rest }) =>
      send('PUT', ['aliases', kind, name, alias, 'protection'], rest),
    listAliases: (kind, name) => get(['aliases', kind, name]),
    listAliasRequests: (f = {}) => get(['alias-requests'], { status: f.status }),
    aliasAt: async ({ kind, name, alias }, at) =>
      (await get<{ targetId: string | null }>(['aliases', kind, name, alias, 'target'], { at })).targetId,
    events: (f = {}) =>
      get(['events'], {
        subject: f.subjectId,
        type: f.type,
        aliasKind: f.alias?.kind,
        aliasName: f.alias?.name,
        alias: f.alias?.alias,
        until: f.until,
        afterSeq: f.afterSeq,
        limit: f.limit,
      }),
    lineage: (id, direction) => get(['lineage', id], { direction }),
    impact: (what) => get(['impact'], 'uri' in what ? { uri: what.uri } : { personalData: true }),
    async [Symbol.asyncDispose]() {},
  };
}
