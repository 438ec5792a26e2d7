// Writes schemas/registry-openapi.json from the server's routes and zod schemas (run after
// `npm run build`; `npm run openapi` does both). A test fails when the checked-in file is stale.
import { writeFileSync } from 'node:fs';
import { openApiText } from '../packages/server/dist/openapi/index.js';

const out = new URL('../schemas/registry-openapi.json', import.meta.url);
writeFileSync(out, openApiText());
console.log(`wrote ${out.pathname}`);
