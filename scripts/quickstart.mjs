// npm run quickstart: Vigie's lifecycle on the bundled example (the Palmer Penguins data), as
// declared in examples/quickstart/vigie.yaml: check, repair and split the data and register it,
// mark it ready, train a model (a Node script, no Python) with a grid search on the validation
// split, evaluate it on the sealed test split against the gates, promote it and explain it; then serve it
// through the gateway and release a challenger (shadow comparison, canary decisions) while simulated users
// send requests and labels (scripts/quickstart-release.mjs). Everything is recorded in the example's
// registry (examples/quickstart/out/registry.db).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { releaseSteps } from './quickstart-release.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = fileURLToPath(new URL('../packages/cli/bin/vigie.js', import.meta.url));
const config = ['--config', 'examples/quickstart/vigie.yaml'];
const registry = ['--registry', 'sqlite:examples/quickstart/out/registry.db'];

const steps = [
  ['1. check, repair and split the data, and register it', ['check', ...config, '--register', ...registry]],
  [
    '2. "check that it was done" before training',
    ['dataset', 'ready', 'penguins', '--reason', 'quickstart checks passed', ...registry],
  ],
  ['3. train with a grid search on the validation split', ['train', ...config, ...registry]],
  [
    '4. evaluate on the sealed test split, with the gates',
    [
      'evaluate',
      ...config,
      '--model',
      'penguin-clf',
      '--dataset',
      'penguins',
      '--split',
      'test',
      '--html',
      'examples/quickstart/out/evaluation.html',
      ...registry,
    ],
  ],
  [
    '5. promote it (refused unless metrics and gates are there)',
    [
      'alias',
      'set',
      'penguin-clf@champion',
      'latest',
      '--reason',
      'passed the quickstart gates',
      ...registry,
    ],
  ],
  [
    '6. explain it: which measurements drive its answers',
    [
      'explain',
      'penguin-clf@champion',
      '--data',
      'examples/quickstart/out/penguins-clean.csv',
      '--label',
      'Species',
      '--html',
      'examples/quickstart/out/explanation.html',
      ...registry,
    ],
  ],
];

for (const [title, args] of steps) {
  console.log(`\n── ${title}\n$ vigie ${args.join(' ')}\n`);
  const run = spawnSync(process.execPath, [bin, ...args, ...process.argv.slice(2)], {
    cwd: root,
    stdio: 'inherit',
  });
  if (run.status !== 0) {
    console.log(`\nstopped: vigie ${args[0]} exited with ${run.status}`);
    process.exit(run.status ?? 1);
  }
}

const released = await releaseSteps({ bin, root, registry, title: (t) => console.log(`\n── ${t}`) });
if (released !== 0) {
  console.log(`\nstopped: the release step exited with ${released}`);
  process.exit(released);
}

console.log(`
Open examples/quickstart/out/report.html (the data), evaluation.html and explanation.html (the model) there.
The repaired data is in examples/quickstart/out/penguins-clean.csv, the splits in examples/quickstart/out/splits/.
Everything is in the registry; try, from the repository root:`);
for (const cmd of [
  'dataset show penguins',
  'model show penguin-clf@champion',
  'lineage penguin-clf@champion --up',
  'events',
  'events --type release.step-passed',
])
  console.log(`  npx vigie ${cmd} ${registry.join(' ')}`);
