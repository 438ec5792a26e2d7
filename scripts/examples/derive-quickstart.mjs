// Derives examples/quickstart/data/penguins-raw-PAL0708.csv (the first season, used as the drift
// reference) from penguins-raw.csv with DuckDB, keeping the rows and their order unchanged.
// Run after `npm run build`: node scripts/examples/derive-quickstart.mjs
import { createRequire } from 'node:module';

const require = createRequire(new URL('../../packages/core/package.json', import.meta.url));
const { DuckDBInstance } = require('@duckdb/node-api');
const dir = new URL('../../examples/quickstart/data/', import.meta.url).pathname;
const instance = await DuckDBInstance.create(':memory:');
const con = await instance.connect();
await con.run(
  `COPY (SELECT * FROM read_csv('${dir}penguins-raw.csv', header = true, all_varchar = true) WHERE studyName = 'PAL0708')
   TO '${dir}penguins-raw-PAL0708.csv' (FORMAT csv, HEADER true)`,
);
console.log(`wrote ${dir}penguins-raw-PAL0708.csv`);
