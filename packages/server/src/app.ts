import { type Context, Hono } from 'hono';
import { type AppDeps, type ResolvedDeps, resolveDeps } from './deps.js';
import { authenticate } from './http/auth.js';
import { readJson } from './http/body.js';
import { errorReply, routeError } from './http/errors.js';
import { validate } from './http/validate.js';
import { openApiDocument } from './openapi/index.js';
import { emptyParams, honoPath, pathPattern, type Route } from './route.js';
import { ROUTES } from './routes/index.js';

/**
 * The registry API as a Hono app over the given stores. Serve it with `startServer`, or call
 * `app.request(...)` in process (tests do). The app owns nothing: the caller disposes the stores.
 *
 * @example
 * const app = createApp({ store, blobs, tokens: store.tokens, options: { anonymousRead: true } });
 * await using server = await startServer({ app, port: 7700 });
 */
export function createApp(deps: AppDeps): Hono {
  const d = resolveDeps(deps, openApiDocument);
  const app = new Hono();
  for (const route of ROUTES) app.on(route.method, honoPath(route.path), (c) => run(route, d, c));
  const patterns = ROUTES.map((r) => ({ method: r.method, path: r.path, pattern: pathPattern(r.path) }));
  app.notFound((c) => {
    const allowed = new Set<string>(patterns.filter((p) => p.pattern.test(c.req.path)).map((p) => p.method));
    if (allowed.size === 0)
      return routeError(
        404,
        `no route ${c.req.method} ${c.req.path} (the API is described at /v1/openapi.json)`,
      );
    if (allowed.has('GET')) allowed.add('HEAD');
    const allow = [...allowed].sort().join(', ');
    return routeError(405, `${c.req.method} is not allowed on ${c.req.path}; use ${allow}`, { allow });
  });
  app.onError((error, c) => {
    const reply = errorReply(error);
    if (!reply.expected) d.log({ level: 'error', message: `${c.req.method} ${c.req.path} failed`, error });
    const headers: Record<string, string> =
      reply.status === 401 ? { 'www-authenticate': 'Bearer realm="vigie"' } : {};
    return Response.json(reply.body, { status: reply.status, headers });
  });
  return app;
}

async function run(route: Route, d: ResolvedDeps, c: Context): Promise<Response> {
  const token = await authenticate(
    c.req.header('authorization'),
    route.scope,
    d.tokens,
    d.options.anonymousRead,
  );
  const params = validate(route.params ?? emptyParams, c.req.param(), 'path parameter');
  const query = validate(route.query ?? emptyParams, c.req.query(), 'query parameter');
  const body = route.body
    ? validate(route.body, await readJson(c.req.raw, d.options.maxJsonBytes), 'request body')
    : undefined;
  const result = await route.handle({ params, query, body, token, deps: d, c });
  return result instanceof Response ? result : Response.json(result.json, { status: result.status });
}
