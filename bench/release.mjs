#!/usr/bin/env node
/**
 * The rollback benchmark (`npm run bench:release`, issue 7: "rollback returns traffic to the
 * previous version in under a second"). A gateway on loopback serves the penguins logistic
 * regression (ONNX Runtime); each round starts a canary release at 50% that holds (it can never
 * gather its minimum), lets users send requests (8 in flight) for 100 ms, then rolls it back with
 * `POST /v1/admin/releases/{id}/rollback` while they go on. Measured: the route swap itself
 * (setRoute, in process), the rollback request's round trip, and whether any request sent after
 * the rollback answered was still answered by the candidate (it must be none).
 *
 *   node bench/release.mjs [--rounds 20] [--users 8]
 *
 * Build first: npm run build.
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  createGateway,
  createReleaseController,
  loadServedModel,
  RELEASES_PREFIX,
  releaseRoutes,
} from '../packages/gateway/dist/index.js';
import { codeVersion, formatMs, machineSummary, median, printTable } from './lib/table.mjs';

const { values: args } = parseArgs({
  options: { rounds: { type: 'string', default: '20' }, users: { type: 'string', default: '8' } },
});
const rounds = Number(args.rounds);
const users = Number(args.users);
const LOGREG = fileURLToPath(
  new URL('../packages/core/test/fixtures/models/penguins-logreg.onnx', import.meta.url),
);
const signature = {
  task: 'classification',
  inputs: ['bill_length_mm', 'bill_depth_mm', 'flipper_length_mm', 'body_mass_g'].map((name) => ({
    name,
    type: 'numeric',
  })),
};
const v1 = await loadServedModel(LOGREG, { ref: 'penguins@1', signature });
const v2 = await loadServedModel(LOGREG, { ref: 'penguins@2', signature });
const gateway = createGateway({ routes: [{ name: 'penguins', primary: v1 }], loadModel: async () => v2 });
const releases = createReleaseController({ gateway, intervalMs: 50 });
gateway.mount(RELEASES_PREFIX, releaseRoutes(releases));
const base = await gateway.listen(0);
const json = (method, path, body) =>
  fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-vigie-request-key': String(Math.random()) },
    body: JSON.stringify(body),
  }).then((r) => r.json());
const row = { bill_length_mm: 39.1, bill_depth_mm: 18.7, flipper_length_mm: 181, body_mass_g: 3750 };
const spec = {
  model: 'penguins',
  candidate: 'penguins@2',
  shadow: null,
  canary: { steps: [50, 100], min_requests: 1e9 },
};

const swapMs = [];
const roundTripMs = [];
let candidateAfter = 0;
let servedDuring = 0;
for (let k = 0; k < rounds; k++) {
  const { id } = await json('POST', RELEASES_PREFIX, spec);
  let stop = false;
  let rolledBackAt = Number.POSITIVE_INFINITY;
  const load = Array.from({ length: users }, async () => {
    while (!stop) {
      const sent = performance.now();
      const a = await json('POST', '/v1/models/penguins/predict', { rows: [row] });
      servedDuring++;
      if (sent > rolledBackAt && a.modelVersion !== 'penguins@1') candidateAfter++;
    }
  });
  await new Promise((r) => setTimeout(r, 100));
  const t0 = performance.now();
  const status = await json('POST', `${RELEASES_PREFIX}/${encodeURIComponent(id)}/rollback`, {});
  rolledBackAt = performance.now();
  roundTripMs.push(rolledBackAt - t0);
  swapMs.push(status.rollback.swapMs);
  await new Promise((r) => setTimeout(r, 50));
  stop = true;
  await Promise.all(load);
}
await releases.close();
await gateway.close();
for (const m of [v1, v2]) await m.model[Symbol.asyncDispose]();

const max = (xs) => Math.max(...xs);
printTable(
  ['measure', 'median ms', 'max ms', 'target'],
  [
    ['route swap (setRoute, in process)', formatMs(median(swapMs)), formatMs(max(swapMs)), '< 1 s'],
    [
      `rollback request round trip (${users} users)`,
      formatMs(median(roundTripMs)),
      formatMs(max(roundTripMs)),
      '< 1 s',
    ],
  ],
);
console.log(
  `${rounds} rollbacks, ${servedDuring} predictions served meanwhile; requests sent after a rollback answered by the candidate: ${candidateAfter}`,
);
console.log(`${machineSummary()}; ${codeVersion()}`);
