// npm run quickstart: runs Vigie's main job on the bundled example (the Palmer Penguins data):
// repairs, checks, split and reports, as declared in examples/quickstart/vigie.yaml.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = fileURLToPath(new URL('../packages/cli/bin/vigie.js', import.meta.url));
const args = ['check', '--config', 'examples/quickstart/vigie.yaml', ...process.argv.slice(2)];
console.log(`$ vigie ${args.join(' ')}\n`);
const run = spawnSync(process.execPath, [bin, ...args], { cwd: root, stdio: 'inherit' });
if (run.status === 0) {
  console.log('\nOpen examples/quickstart/out/report.html in a browser for the full report.');
  console.log(
    'The repaired data is in examples/quickstart/out/penguins-clean.csv, the splits in examples/quickstart/out/splits/.',
  );
}
process.exitCode = run.status ?? 1;
