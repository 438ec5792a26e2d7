import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ModelRuntime } from '../../src/models/runtime.js';
import { createTable, dictColumnFromStrings, float64Column, type Table } from '../../src/table/index.js';

type Cell = number | string | boolean | null;

/** What the server answers instead of the model, for tests of malformed answers. */
export type Override = (
  path: string,
  body: unknown,
) => { status: number; body: unknown } | 'hang' | undefined;

export interface ModelServer extends AsyncDisposable {
  url: string;
  /** Requests received, by path. */
  requests: Array<{ path: string; body: unknown }>;
  override: Override | undefined;
}

/** Columns from JSON cells: text as categorical, anything else as numbers (null is missing). */
function tableOf(
  names: readonly string[],
  cells: (column: number, row: number) => Cell,
  rows: number,
): Table {
  return createTable(
    names.map((name, j) => {
      const values = Array.from({ length: rows }, (_, i) => cells(j, i));
      if (values.some((v) => typeof v === 'string'))
        return dictColumnFromStrings(
          name,
          values.map((v) => (v === null ? null : String(v))),
        );
      return float64Column(
        name,
        Float64Array.from(values, (v) => (v === null ? Number.NaN : Number(v))),
      );
    }),
  );
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return JSON.parse(Buffer.concat(parts).toString('utf8'));
}

/**
 * A real HTTP server on 127.0.0.1 (a free port) that answers the three protocols by running an
 * in-process model: POST /predict (vigie), /v2/models/NAME/infer (KServe v2; with `?matrix=NAME`
 * semantics taken from the single input tensor), /invocations (MLflow: labels or values) and
 * /proba/invocations (MLflow: lists of probabilities).
 */
export async function startModelServer(
  model: ModelRuntime,
  features?: readonly string[],
): Promise<ModelServer> {
  const state: ModelServer = {
    url: '',
    requests: [],
    override: undefined,
    [Symbol.asyncDispose]: async () => undefined,
  };
  const classes = model.signature.classes ?? [];
  async function answer(path: string, body: Record<string, unknown>): Promise<unknown> {
    if (path === '/predict') {
      const rows = body.rows as Array<Record<string, Cell>>;
      const names = Object.keys(rows[0] ?? {});
      const p = await model.predict(tableOf(names, (j, i) => rows[i]![names[j]!] ?? null, rows.length));
      return {
        modelVersion: 'test@1',
        predictions: Array.from({ length: p.rows }, (_, i) =>
          p.task === 'regression'
            ? { id: String(i), value: p.values![i] }
            : {
                id: String(i),
                label: classes[p.labels![i]!],
                probabilities: Object.fromEntries(
                  classes.map((c, j) => [c, p.probabilities![i * classes.length + j]]),
                ),
              },
        ),
      };
    }
    if (path.startsWith('/v2/models/')) {
      const inputs = body.inputs as Array<{ name: string; shape: number[]; data: Cell[] }>;
      const n = inputs[0]!.shape[0]!;
      const table =
        inputs.length === 1 && inputs[0]!.shape[1]! > 1
          ? tableOf(features!, (j, i) => inputs[0]!.data[i * features!.length + j]!, n)
          : tableOf(
              inputs.map((t) => t.name),
              (j, i) => inputs[j]!.data[i]!,
              n,
            );
      const p = await model.predict(table);
      if (p.task === 'regression')
        return {
          model_name: 'm',
          outputs: [{ name: 'variable', shape: [n, 1], datatype: 'FP32', data: Array.from(p.values!) }],
        };
      return {
        model_name: 'm',
        outputs: [
          {
            name: 'output_label',
            shape: [n],
            datatype: 'BYTES',
            data: Array.from(p.labels!, (l) => classes[l]),
          },
          {
            name: 'output_probability',
            shape: [n, classes.length],
            datatype: 'FP32',
            data: Array.from(p.probabilities!),
          },
        ],
      };
    }
    if (path.endsWith('/invocations')) {
      const split = body.dataframe_split as { columns: string[]; data: Cell[][] };
      const p = await model.predict(tableOf(split.columns, (j, i) => split.data[i]![j]!, split.data.length));
      if (p.task === 'regression') return { predictions: Array.from(p.values!) };
      if (path.startsWith('/proba'))
        return {
          predictions: Array.from({ length: p.rows }, (_, i) =>
            Array.from(p.probabilities!.subarray(i * classes.length, (i + 1) * classes.length)),
          ),
        };
      return { predictions: Array.from(p.labels!, (l) => classes[l]) };
    }
    return undefined;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const body = (await readJson(req)) as Record<string, unknown>;
    state.requests.push({ path, body });
    const overridden = state.override?.(path, body);
    if (overridden === 'hang') return;
    const reply = overridden ?? { status: 200, body: await answer(path, body) };
    if (reply.body === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('no such route');
      return;
    }
    const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    res.writeHead(reply.status, { 'content-type': 'application/json' }).end(text);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: Error) => {
      res
        .writeHead(500, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: error.message }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  state.url = `http://127.0.0.1:${port}`;
  state[Symbol.asyncDispose] = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return state;
}
