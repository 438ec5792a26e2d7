import { z } from 'zod';
import type { ResponseSpec, Route } from '../route.js';
import { components } from '../schemas/index.js';

type Json = Record<string, unknown>;

const ERRORS: Record<number, string> = {
  400: 'invalid request: the message names the field (INVALID_ARGUMENT, PARSE_ERROR)',
  401: 'no valid token (UNAUTHENTICATED)',
  403: 'the token lacks the write scope (FORBIDDEN)',
  404: 'not found (NOT_FOUND); the message says what exists',
  409: 'refused by a rule or in conflict (REFUSED, CONFLICT): the message lists what is missing',
  413: 'the request body is over the limit (INPUT_TOO_LARGE)',
  422: 'the bytes do not hash to their address (INTEGRITY); nothing was stored',
  500: 'internal error (INTERNAL); the details are only in the server log',
};

/**
 * The OpenAPI 3.1 document of the routes, from the zod schemas they validate with: bodies and
 * responses as `#/components/schemas/NAME`, path and query parameters inline.
 */
export function buildOpenApiDocument(routes: readonly Route[], version: string): Json {
  const registry = z.registry<{ id: string }>();
  const idOf = new Map<z.ZodType, string>();
  for (const [id, schema] of Object.entries(components)) {
    registry.add(schema, { id });
    idOf.set(schema, id);
  }
  const converted = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}`, io: 'input' });
  const schemas: Json = {};
  for (const id of Object.keys(converted.schemas).sort()) schemas[id] = clean(converted.schemas[id] as Json);

  const ref = (schema: z.ZodType, where: string): Json => {
    const id = idOf.get(schema);
    if (id) return { $ref: `#/components/schemas/${id}` };
    if (schema instanceof z.ZodArray)
      return { type: 'array', items: ref(schema.element as z.ZodType, where) };
    throw new Error(`${where}: use a named schema from schemas/ (see components)`);
  };
  const response = (spec: ResponseSpec, where: string): Json => {
    if (spec.binary) return { description: spec.description, content: { 'application/octet-stream': {} } };
    if (!spec.schema) return { description: spec.description };
    return {
      description: spec.description,
      content: { 'application/json': { schema: ref(spec.schema, where) } },
    };
  };

  const paths: Record<string, Json> = {};
  for (const route of routes) {
    const where = `${route.method} ${route.path}`;
    const parameters = [
      ...parametersOf(route.params, 'path'),
      ...parametersOf(route.query, 'query'),
      ...(route.binaryBody
        ? [{ name: 'Content-Length', in: 'header', required: true, schema: { type: 'integer', minimum: 0 } }]
        : []),
    ];
    const responses: Json = {};
    for (const [status, spec] of Object.entries(route.responses)) responses[status] = response(spec, where);
    for (const status of errorStatuses(route))
      responses[status] = { $ref: `#/components/responses/Error${status}` };
    const operation: Json = {
      operationId: route.operationId,
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      tags: [route.tag],
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: ref(route.body, where) } },
            },
          }
        : {}),
      ...(route.binaryBody
        ? {
            requestBody: {
              required: true,
              description: route.binaryBody.description,
              content: { 'application/octet-stream': {} },
            },
          }
        : {}),
      responses,
      security: route.scope === 'public' ? [] : [{ bearer: [] }],
      'x-vigie-scope': route.scope,
    };
    const item = (paths[route.path] ??= {});
    item[route.method.toLowerCase()] = operation;
    if (route.head) {
      const headResponses: Json = {};
      for (const [status, spec] of Object.entries(route.head.responses))
        headResponses[status] = {
          ...response(spec, where),
          headers: { 'Content-Length': { schema: { type: 'integer', minimum: 0 } } },
        };
      // A HEAD answer has no body: the statuses, without the JSON error.
      for (const status of [400, 401, 404, 500]) headResponses[status] = { description: ERRORS[status] };
      const { description: _, ...get } = operation;
      item.head = {
        ...get,
        operationId: `${route.operationId}Head`,
        summary: route.head.summary,
        responses: headResponses,
      };
    }
  }

  const errorResponses: Json = {};
  for (const [status, description] of Object.entries(ERRORS))
    errorResponses[`Error${status}`] = {
      description,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
    };

  return {
    openapi: '3.1.0',
    info: {
      title: 'Vigie registry API',
      version,
      description:
        'The control plane of Vigie: datasets, models, analyses, evaluations, releases, deployments, aliases, the ' +
        'event log, lineage and content-addressed blobs. Errors are `{"error": {"code", "message"}}` with the ' +
        "registry's stable code and its one-line message.",
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: 'http://127.0.0.1:7700', description: '`vigie server` with its defaults' }],
    paths,
    components: {
      schemas,
      responses: errorResponses,
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description:
            'A token from `vigie server token create NAME --scope read|write` (vgt_…). Write implies read; ' +
            'reads need none when the server runs with --anonymous-read.',
        },
      },
    },
  };
}

function errorStatuses(route: Route): number[] {
  const out = new Set<number>([500]);
  if (route.params || route.query || route.body || route.binaryBody) out.add(400);
  if (route.scope !== 'public') out.add(401).add(404);
  if (route.scope === 'write') out.add(403).add(409);
  if (route.body || route.binaryBody) out.add(413);
  if (route.tag === 'blobs') out.add(422);
  return [...out].sort();
}

function parametersOf(schema: z.ZodType | undefined, place: 'path' | 'query'): Json[] {
  if (!schema) return [];
  const json = clean(z.toJSONSchema(schema, { io: 'input' }) as Json);
  const properties = (json.properties ?? {}) as Record<string, Json>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: place,
      required: place === 'path' || required.has(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

/** Drops what JSON Schema needs standalone but OpenAPI components do not. */
function clean(schema: Json): Json {
  const { $schema: _s, $id: _i, ...rest } = schema;
  return rest;
}
