// The end of npm run quickstart (scripts/quickstart.mjs): serve the champion through the gateway,
// train a challenger, and release it with examples/quickstart/release.yaml while users send
// requests and labels arrive: a shadow comparison, then canary decisions, each recorded in the
// registry. The gateway is stopped at the end, whatever happens.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { openDuckDb, readTable } from '../packages/core/dist/table/index.js';

const INPUTS = [
  'Island',
  'Culmen Length (mm)',
  'Culmen Depth (mm)',
  'Flipper Length (mm)',
  'Body Mass (g)',
  'Sex',
];

/** Rows of the repaired data as the model takes them, with their true species. */
async function penguins(file) {
  const db = await openDuckDb({ threads: 1 });
  let table;
  try {
    table = await readTable(db, file);
  } finally {
    db.close();
  }
  const columns = new Map(table.columns.map((c) => [c.name, c]));
  const value = (c, i) => {
    if (c.storage === 'dict') return c.codes[i] < 0 ? null : c.dictionary[c.codes[i]];
    const v = c.values[i];
    return Number.isNaN(v) ? null : v;
  };
  const rows = [];
  for (let i = 0; i < table.rowCount; i++) {
    const row = Object.fromEntries(INPUTS.map((name) => [name, value(columns.get(name), i)]));
    rows.push({ row, species: value(columns.get('Species'), i) });
  }
  return rows;
}

/** Starts `vigie serve` and resolves with its URL once it listens. */
function startGateway(bin, root, args) {
  const child = spawn(process.execPath, [bin, 'serve', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (b) => {
      const text = b.toString();
      process.stdout.write(text);
      out += text;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve({ child, url: m[1] });
    });
    child.on('exit', (code) => reject(new Error(`vigie serve exited with ${code}`)));
  });
}

/** Users: one request per row (each its own request key), then the true label as feedback. */
async function sendTraffic(url, rows, stop) {
  let sent = 0;
  let labelled = 0;
  while (!stop()) {
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        const n = sent++;
        const { row, species } = rows[n % rows.length];
        const key = `user-${n}`;
        const res = await fetch(`${url}/v1/models/penguins/predict`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-vigie-request-key': key },
          body: JSON.stringify({ rows: [row] }),
        });
        const answer = await res.json();
        if (!res.ok || n % 2 === 1) return; // labels arrive for half the predictions
        const feedback = await fetch(`${url}/v1/feedback`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ predictionId: answer.predictions[0].id, label: species }),
        });
        if (feedback.ok) labelled++;
      }),
    );
  }
  return { sent, labelled };
}

function run(bin, root, args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: root, stdio: 'inherit' });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

export async function releaseSteps({ bin, root, registry, title }) {
  title('7. train a challenger: boosted trees on the same split');
  const trainArgs = [
    'train',
    '--config',
    'examples/quickstart/vigie.yaml',
    '--trainer',
    'gbdt',
    '--space',
    '{"maxIter": [30, 100]}',
    ...registry,
  ];
  console.log(`$ vigie ${trainArgs.join(' ')}\n`);
  const train = spawnSync(process.execPath, [bin, ...trainArgs], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  process.stdout.write(train.stdout);
  if (train.status !== 0) return train.status ?? 1;
  // The challenger is the version train registered (or found unchanged): the spec names it.
  const challenger = /(?:registered|unchanged:) (penguin-clf@\d+)/.exec(train.stdout)?.[1];
  if (!challenger) return 1;
  const spec = readFileSync(`${root}/examples/quickstart/release.yaml`, 'utf8').replace(
    /^candidate: .*$/m,
    `candidate: ${challenger}`,
  );
  writeFileSync(`${root}/examples/quickstart/out/release.yaml`, spec);

  title('8. serve the champion through the gateway');
  const serveArgs = [
    '--model',
    'penguins=penguin-clf@champion',
    '--port',
    '0',
    '--log',
    'sqlite:examples/quickstart/out/predictions.db',
    ...registry,
  ];
  console.log(`$ vigie serve ${serveArgs.join(' ')}\n`);
  const { child, url } = await startGateway(bin, root, serveArgs);
  try {
    const rows = await penguins(`${root}/examples/quickstart/out/penguins-clean.csv`);
    title('9. release the challenger: shadow, then 20% and 50% of the traffic (users and labels simulated)');
    const releaseArgs = [
      'release',
      'apply',
      'examples/quickstart/out/release.yaml',
      '--gateway',
      url,
      '--wait',
      '--timeout',
      '60s',
    ];
    console.log(`$ vigie ${releaseArgs.join(' ')}\n`);
    let done = false;
    const applied = run(bin, root, releaseArgs).finally(() => {
      done = true;
    });
    const traffic = await sendTraffic(url, rows, () => done);
    const code = await applied;
    console.log(`\n(${traffic.sent} requests sent meanwhile, ${traffic.labelled} labels given back)`);
    return code;
  } finally {
    child.kill('SIGINT');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}
