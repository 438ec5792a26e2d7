/**
 * Runs the Python peers of the benchmarks in a child process and reads back the one JSON object
 * each prints on stdout. A tiny wrapper runs the script with runpy and reports the interpreter's
 * peak RSS on stderr at exit, so the peer scripts stay unchanged.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

const RSS_TAG = 'VIGIE_BENCH_PEAK_RSS_KB';

const WRAPPER = `
import atexit, os, resource, runpy, sys
script = sys.argv[1]
sys.argv = sys.argv[1:]
sys.path.insert(0, os.path.dirname(os.path.abspath(script)))
atexit.register(lambda: sys.stderr.write("\\n${RSS_TAG} %d\\n" % resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))
runpy.run_path(script, run_name="__main__")
`;

/** The venv's interpreter, or null when the venv does not exist. */
export function findPython(venvDir) {
  const python = `${venvDir}/bin/python`;
  return existsSync(python) ? python : null;
}

function runProcess(command, args, stdin) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
    child.stdin.end(stdin ?? '');
  });
}

function lastLines(text, n = 3) {
  return text.trim().split('\n').slice(-n).join('\n');
}

/**
 * Runs `script` (a peer .py file) with `args` under `python`.
 * @returns {Promise<{ json: object, peakRssMb: number, wallSeconds: number }>}
 */
export async function runPeerScript(python, script, args) {
  const started = performance.now();
  const run = await runProcess(python, ['-c', WRAPPER, script, ...args]);
  const wallSeconds = (performance.now() - started) / 1000;
  if (run.code !== 0) throw new Error(`${script} failed (exit ${run.code}):\n${lastLines(run.stderr)}`);
  const rss = new RegExp(`${RSS_TAG} (\\d+)`).exec(run.stderr);
  return {
    json: JSON.parse(run.stdout),
    peakRssMb: rss ? (Number(rss[1]) * 1024) / 1e6 : Number.NaN,
    wallSeconds,
  };
}

/**
 * Runs an inline Python program: `source` is passed with -c, `args` follow. Returns the parsed JSON
 * the program prints last on stdout.
 */
export async function runPythonJson(python, source, args = []) {
  const run = await runProcess(python, ['-c', source, ...args]);
  if (run.code !== 0) throw new Error(`python failed (exit ${run.code}):\n${lastLines(run.stderr)}`);
  const lines = run.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]);
}
