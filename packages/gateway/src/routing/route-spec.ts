import { HttpError } from '../http/http-error.js';
import type { Route, ServedModel } from './route.js';

/** A route as the admin API takes it: model versions by ref. */
export interface RouteSpec {
  primary: string;
  candidate?: { ref: string; weight: number };
  shadow?: string;
  beta?: boolean;
}

const bad = (message: string) => new HttpError(400, 'INVALID_INPUT', message);

/** Checks the body of `PUT /v1/admin/routes/{name}`. */
export function parseRouteSpec(body: unknown): RouteSpec {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw bad(
      'body: expected {"primary": REF, "candidate"?: {"ref", "weight"}, "shadow"?: REF, "beta"?: bool}',
    );
  const b = body as Record<string, unknown>;
  if (typeof b.primary !== 'string' || b.primary.length === 0)
    throw bad('body: "primary" must be a model ref');
  const spec: RouteSpec = { primary: b.primary };
  if (b.candidate !== undefined && b.candidate !== null) {
    const c = b.candidate as Record<string, unknown>;
    if (typeof c !== 'object' || typeof c.ref !== 'string' || c.ref.length === 0)
      throw bad('body: "candidate.ref" must be a model ref');
    if (typeof c.weight !== 'number' || !(c.weight >= 0 && c.weight <= 1))
      throw bad('body: "candidate.weight" must be a number from 0 to 1');
    spec.candidate = { ref: c.ref, weight: c.weight };
  }
  if (b.shadow !== undefined && b.shadow !== null) {
    if (typeof b.shadow !== 'string' || b.shadow.length === 0)
      throw bad('body: "shadow" must be a model ref');
    spec.shadow = b.shadow;
  }
  if (b.beta !== undefined) {
    if (typeof b.beta !== 'boolean') throw bad('body: "beta" must be true or false');
    spec.beta = b.beta;
  }
  return spec;
}

/** The route a spec describes, its refs resolved to loaded models. */
export async function routeFromSpec(
  name: string,
  spec: RouteSpec,
  resolve: (ref: string) => Promise<ServedModel>,
): Promise<Route> {
  const primary = await resolve(spec.primary);
  const candidate = spec.candidate
    ? { model: await resolve(spec.candidate.ref), weight: spec.candidate.weight }
    : undefined;
  const shadow = spec.shadow ? await resolve(spec.shadow) : undefined;
  return {
    name,
    primary,
    ...(candidate ? { candidate } : {}),
    ...(shadow ? { shadow } : {}),
    ...(spec.beta !== undefined ? { beta: spec.beta } : {}),
  };
}
