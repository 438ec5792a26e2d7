import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { startServer } from './serve.js';

describe('startServer', () => {
  it('binds 127.0.0.1 on a free port, says where, and closes after the requests in flight', async () => {
    const app = new Hono();
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    app.get('/slow', async (c) => {
      await held;
      return c.text('done');
    });
    const server = await startServer({ app, port: 0 });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const inFlight = fetch(`${server.url}/slow`).then((r) => r.text());
    await new Promise((r) => setTimeout(r, 50));
    const closed = server.close();
    release();
    expect(await inFlight).toBe('done');
    await closed;
    await expect(fetch(`${server.url}/slow`)).rejects.toThrow();
  });

  it('fails in one line when the port is taken', async () => {
    await using first = await startServer({ app: new Hono(), port: 0 });
    const port = Number(new URL(first.url).port);
    await expect(startServer({ app: new Hono(), port })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: `cannot listen on 127.0.0.1:${port}: the address is already in use (another server? choose another --port)`,
    });
  });
});
