import type { VerifiedToken } from '@vigie/core/registry';
import type { Context } from 'hono';
import { z } from 'zod';
import type { ResolvedDeps } from './deps.js';
import type { Scope } from './http/auth.js';

export type Method = 'GET' | 'POST' | 'PUT';

export interface ResponseSpec {
  description: string;
  /** A named schema (see `components`) or an array of one; none for an empty body. */
  schema?: z.ZodType;
  /** Raw bytes (`application/octet-stream`). */
  binary?: boolean;
}

export interface HandlerInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** The token that made the request; null only on routes anyone may read. */
  token: VerifiedToken | null;
  deps: ResolvedDeps;
  c: Context;
}

/** A JSON answer; handlers that stream bytes return a `Response` instead. */
export interface Reply {
  status: number;
  json: unknown;
}

/**
 * One route: what the OpenAPI document says about it and what runs. The same schemas validate
 * the request and describe it, so the document cannot drift from the code.
 */
export interface RouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  method: Method;
  /** OpenAPI style: `/v1/datasets/{ref}`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  scope: Scope;
  params?: P;
  query?: Q;
  /** A JSON body (a named schema), validated before the handler runs. */
  body?: B;
  /** A raw byte body the handler streams itself. */
  binaryBody?: { description: string };
  /** A GET that also answers HEAD (documented as its own operation). */
  head?: { summary: string; responses: Record<number, ResponseSpec> };
  responses: Record<number, ResponseSpec>;
  handle(input: HandlerInput<z.output<P>, z.output<Q>, z.output<B>>): Promise<Reply | Response>;
}

export type Route = RouteSpec<z.ZodType, z.ZodType, z.ZodType>;

const empty = z.strictObject({});

export function defineRoute<
  P extends z.ZodType = typeof empty,
  Q extends z.ZodType = typeof empty,
  B extends z.ZodType = z.ZodUndefined,
>(spec: RouteSpec<P, Q, B>): Route {
  return spec as unknown as Route;
}

/** `/v1/datasets/{ref}` → `/v1/datasets/:ref` (Hono's syntax). */
export function honoPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ':$1');
}

/** A matcher for the path with any parameter values, to tell "wrong method" from "no route". */
export function pathPattern(path: string): RegExp {
  const source = path
    .split(/\{\w+\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]+');
  return new RegExp(`^${source}/?$`);
}

export const emptyParams = empty;
