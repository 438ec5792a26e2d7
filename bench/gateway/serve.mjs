/**
 * The gateway under test, alone in its process (the load generator must not share its event
 * loop): `node bench/gateway/serve.mjs MODEL.onnx SIGNATURE_JSON [--shadow] [--log sqlite:PATH]
 * [--ack logged]` listens on a free loopback port and prints `READY <url>`; on SIGTERM it prints
 * the shadow mirror counts and stops.
 */
import { parseArgs } from 'node:util';
import { openPredictionLog } from '../../packages/core/dist/monitor/index.js';
import { createGateway, loadServedModel } from '../../packages/gateway/dist/index.js';

const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    shadow: { type: 'boolean', default: false },
    log: { type: 'string' },
    ack: { type: 'string', default: 'received' },
  },
});
const [model, signatureJson] = positionals;
const signature = JSON.parse(signatureJson);
const primary = await loadServedModel(model, { ref: 'bench@1', signature });
const shadow = flags.shadow ? await loadServedModel(model, { ref: 'bench@2', signature }) : undefined;
const log = flags.log ? await openPredictionLog(flags.log) : undefined;
const gateway = createGateway({
  routes: [{ name: 'bench', primary, ...(shadow ? { shadow } : {}) }],
  shadow: { queueSize: 10_000 },
  ...(log ? { log, ack: flags.ack } : {}),
});
const url = await gateway.listen(0, '127.0.0.1');
process.stdout.write(`READY ${url}\n`);
process.on('SIGTERM', async () => {
  const metrics = await (await fetch(`${url}/metrics`)).text();
  const mirrors = metrics.split('\n').filter((l) => l.startsWith('vigie_gateway_shadow_mirrors_total'));
  process.stdout.write(`MIRRORS ${JSON.stringify(mirrors)}\n`);
  await gateway.close();
  await log?.[Symbol.asyncDispose]();
  await primary.model[Symbol.asyncDispose]();
  await shadow?.model[Symbol.asyncDispose]();
  process.exit(0);
});
