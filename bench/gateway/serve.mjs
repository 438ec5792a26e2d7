/**
 * The gateway under test, alone in its process (the load generator must not share its event
 * loop): `node bench/gateway/serve.mjs MODEL.onnx SIGNATURE_JSON [--shadow]` listens on a free
 * loopback port and prints `READY <url>`; it stops on SIGTERM.
 */
import { createGateway, loadServedModel } from '../../packages/gateway/dist/index.js';

const [model, signatureJson, ...rest] = process.argv.slice(2);
const signature = JSON.parse(signatureJson);
const primary = await loadServedModel(model, { ref: 'bench@1', signature });
const shadow = rest.includes('--shadow')
  ? await loadServedModel(model, { ref: 'bench@2', signature })
  : undefined;
const gateway = createGateway({
  routes: [{ name: 'bench', primary, ...(shadow ? { shadow } : {}) }],
  shadow: { queueSize: 10_000 },
});
const url = await gateway.listen(0, '127.0.0.1');
process.stdout.write(`READY ${url}\n`);
process.on('SIGTERM', async () => {
  const metrics = await (await fetch(`${url}/metrics`)).text();
  const mirrors = metrics.split('\n').filter((l) => l.startsWith('vigie_gateway_shadow_mirrors_total'));
  process.stdout.write(`MIRRORS ${JSON.stringify(mirrors)}\n`);
  const cpu = process.cpuUsage();
  process.stdout.write(`CPU ${(cpu.user + cpu.system) / 1000}\n`);
  await gateway.close();
  await primary.model[Symbol.asyncDispose]();
  await shadow?.model[Symbol.asyncDispose]();
  process.exit(0);
});
