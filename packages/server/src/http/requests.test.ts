import { describe, expect, it } from 'vitest';
import { dataset, fixture } from '../../test/support/fixture.js';

const errorOf = async (r: Response) =>
  ((await r.json()) as { error: { code: string; message: string; details?: Record<string, unknown> } }).error;

describe('requests', () => {
  it('refuses a JSON body over the limit with 413, by Content-Length or while streaming', async () => {
    const f = await fixture({ maxJsonBytes: 1000 });
    const token = await f.token('ci', 'write');
    const big = dataset({ description: 'x'.repeat(2000) });
    const json = JSON.stringify(big);
    const declared = await f.call('POST', '/v1/datasets', {
      token,
      body: json,
      headers: { 'content-length': String(json.length) },
    });
    expect(declared.status).toBe(413);
    expect(await errorOf(declared)).toMatchObject({
      code: 'INPUT_TOO_LARGE',
      message: `the request body (${json.length} bytes) is larger than the server's limit of 1000 bytes (maxJsonBytes)`,
    });
    const text = new TextEncoder().encode(JSON.stringify(big));
    const streamed = await f.app.request('/v1/datasets', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: new ReadableStream({
        start(controller) {
          controller.enqueue(text.slice(0, 600));
          controller.enqueue(text.slice(600));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect((await errorOf(streamed)).message).toMatch(
      /^the request body is larger than the server's limit of 1000 bytes/,
    );
  });

  it('answers malformed JSON with 400 saying what is wrong', async () => {
    const f = await fixture();
    const token = await f.token('ci', 'write');
    const r = await f.call('POST', '/v1/datasets', { token, body: '{"name": "penguins",}' });
    expect(r.status).toBe(400);
    const error = await errorOf(r);
    expect(error.code).toBe('PARSE_ERROR');
    expect(error.message).toMatch(/^the request body is not valid JSON: .*position 20/);
  });

  it('names the field of an invalid body, query or path parameter', async () => {
    const f = await fixture();
    const token = await f.token('ci', 'write');
    const cases: Array<[string, string, unknown, string]> = [
      [
        'POST',
        '/v1/datasets',
        dataset({ rows: 'ten' }),
        'invalid request body field "rows": expected number, received string',
      ],
      [
        'POST',
        '/v1/datasets',
        { ...dataset(), name: undefined },
        'invalid request body field "name": required (string)',
      ],
      [
        'POST',
        '/v1/datasets',
        dataset({ splits: [{ name: 'train', rows: 1, membershipHash: 'x', blobHash: null, extra: 1 }] }),
        'invalid request body: unknown field "splits[0].extra"',
      ],
      ['POST', '/v1/datasets', [1, 2], 'invalid request body: expected object, received array'],
      [
        'GET',
        '/v1/datasets?limit=0',
        undefined,
        'invalid query parameter "limit": too small: expected number to be >=1',
      ],
      [
        'GET',
        '/v1/datasets?colour=red',
        undefined,
        'invalid query parameter: unknown query parameter "colour"',
      ],
      [
        'GET',
        '/v1/aliases/table/penguins',
        undefined,
        'invalid path parameter "kind": invalid option: expected one of "dataset"|"model"',
      ],
    ];
    for (const [method, path, json, message] of cases) {
      const r = await f.call(method, path, { token, json });
      expect(r.status, `${method} ${path}`).toBe(400);
      expect((await errorOf(r)).message).toBe(message);
    }
    const r = await f.call('POST', '/v1/datasets', { token, json: dataset({ rows: 'ten' }) });
    expect((await errorOf(r)).details).toEqual({ field: 'rows' });
  });

  it('passes the registry one-line errors through with their status', async () => {
    const f = await fixture({ anonymousRead: true });
    const notFound = await f.call('GET', '/v1/datasets/penguins@2');
    expect(notFound.status).toBe(404);
    expect(await errorOf(notFound)).toEqual({
      code: 'NOT_FOUND',
      message: 'dataset penguins@2 not found: no dataset named "penguins" is registered',
      details: { ref: 'penguins@2' },
    });
    const badRef = await f.call('GET', `/v1/datasets/${encodeURIComponent('a b')}`);
    expect(badRef.status).toBe(400);
    expect((await errorOf(badRef)).message).toMatch(/"a b": a name starts with a letter or digit/);
  });

  it('answers an unknown route with 404 JSON and a wrong method with 405 and Allow', async () => {
    const f = await fixture({ anonymousRead: true });
    const unknown = await f.call('GET', '/v1/nothing/here');
    expect(unknown.status).toBe(404);
    expect(await errorOf(unknown)).toEqual({
      code: 'NOT_FOUND',
      message: 'no route GET /v1/nothing/here (the API is described at /v1/openapi.json)',
    });
    const wrong = await f.call('DELETE', '/v1/datasets/penguins');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET, HEAD');
    expect((await errorOf(wrong)).message).toBe(
      'DELETE is not allowed on /v1/datasets/penguins; use GET, HEAD',
    );
    const post = await f.call('PATCH', '/v1/datasets');
    expect(post.headers.get('allow')).toBe('GET, HEAD, POST');
  });

  it('hides the internals of an unexpected failure and logs it', async () => {
    const f = await fixture({ anonymousRead: true });
    await f.store[Symbol.asyncDispose]();
    const r = await f.call('GET', '/v1/datasets');
    expect(r.status).toBe(500);
    expect(await errorOf(r)).toEqual({
      code: 'INTERNAL',
      message: 'internal server error (the server log has the details)',
    });
    expect(f.logs).toMatchObject([{ level: 'error', message: 'GET /v1/datasets failed' }]);
  });
});
