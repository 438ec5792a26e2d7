// Starts the example service: node serve.mjs broken|fixed [port]
import { createPenguinService } from './service.mjs';

const which = process.argv[2] ?? 'fixed';
const port = Number(process.argv[3] ?? 7900);
const { clean } = await import(which === 'broken' ? './pipeline-broken.mjs' : './pipeline-fixed.mjs');
const server = createPenguinService({
  clean,
  strict: which !== 'broken',
  hangOnLongText: which === 'broken',
});
server.listen(port, '127.0.0.1', () =>
  console.log(`${which} penguin service on http://127.0.0.1:${port}/predict`),
);
