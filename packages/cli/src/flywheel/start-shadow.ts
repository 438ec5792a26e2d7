import { VigieError } from '@vigie/core/errors';

/** The release spec the flywheel applies: a shadow phase for the candidate, nothing more. */
export function shadowReleaseSpec(
  route: string,
  candidate: string,
  baseline: string,
): Record<string, unknown> {
  return {
    version: 1,
    name: `flywheel ${candidate}`,
    model: route,
    candidate,
    baseline,
    strategy: 'shadow',
    shadow: {},
  };
}

/**
 * Starts the release at a running gateway (`POST /v1/admin/releases`) and returns what it
 * answered (the release's id and status). A refusal is one line with the gateway's message.
 */
export async function startShadowRelease(args: {
  gateway: string;
  token: string | undefined;
  spec: Record<string, unknown>;
}): Promise<Record<string, unknown>> {
  const url = `${args.gateway.replace(/\/+$/, '')}/v1/admin/releases`;
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(args.token ? { authorization: `Bearer ${args.token}` } : {}),
      },
      body: JSON.stringify(args.spec),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (cause) {
    const code = (cause as { cause?: { code?: string } }).cause?.code ?? (cause as Error).message;
    throw new VigieError(
      'INVALID_ARGUMENT',
      `cannot reach the gateway at ${args.gateway} to start the shadow release (${code})`,
      {
        cause,
      },
    );
  }
  const text = await res.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    body = {};
  }
  if (!res.ok) {
    const message = (body.error as { message?: string } | undefined)?.message ?? `HTTP ${res.status}`;
    throw new VigieError('REFUSED', `the gateway refused the shadow release: ${message}`);
  }
  return body;
}
