export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: test answers are read loosely
  json: any;
}

/** POSTs a body (an object is sent as JSON, a string as is) and reads the answer. */
export async function post(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return read(res);
}

export async function get(url: string, headers: Record<string, string> = {}): Promise<Answer> {
  return read(await fetch(url, { headers }));
}

export async function put(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  return read(
    await fetch(url, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    }),
  );
}

async function read(res: Response): Promise<Answer> {
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/**
 * Waits until `done()` holds, checking every 10 ms, for at most `ms` (work the server finishes
 * after answering — metrics, observers — takes longer on a loaded machine); the caller's
 * assertions then say what is wrong if it never did.
 */
export async function eventually(done: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  for (const start = Date.now(); !(await done()) && Date.now() - start < ms; )
    await new Promise((r) => setTimeout(r, 10));
}
