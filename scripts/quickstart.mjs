// npm run quickstart: runs Vigie's main job on the bundled example (the Palmer Penguins data):
// repairs, checks, split and reports, as declared in examples/quickstart/vigie.yaml, then records
// the result in the example's registry (examples/quickstart/out/registry.db).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = fileURLToPath(new URL('../packages/cli/bin/vigie.js', import.meta.url));
const registry = 'sqlite:examples/quickstart/out/registry.db';
const args = [
  'check',
  '--config',
  'examples/quickstart/vigie.yaml',
  '--register',
  '--registry',
  registry,
  ...process.argv.slice(2),
];
console.log(`$ vigie ${args.join(' ')}\n`);
const run = spawnSync(process.execPath, [bin, ...args], { cwd: root, stdio: 'inherit' });
if (run.status === 0) {
  console.log('\nOpen examples/quickstart/out/report.html in a browser for the full report.');
  console.log(
    'The repaired data is in examples/quickstart/out/penguins-clean.csv, the splits in examples/quickstart/out/splits/.',
  );
  console.log('\nThe registry now holds it as a dataset version with its lineage; try:');
  for (const cmd of [
    'dataset show penguins',
    'dataset ready penguins --reason "quickstart checks passed"',
    'lineage penguins --up',
    'impact https://doi.org/10.1371/journal.pone.0090081',
  ])
    console.log(`  npx vigie ${cmd} --registry ${registry}`);
}
process.exitCode = run.status ?? 1;
