import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dist = (path: string) => fileURLToPath(new URL(`../../dist/${path}`, import.meta.url));

/** @stdlib files loaded after running `code` (an ES module body) in a fresh Node process. */
function stdlibFilesAfter(code: string): number {
  const script = `import { createRequire } from 'node:module';
${code}
const loaded = Object.keys(createRequire(import.meta.url)('module')._cache);
process.stdout.write(String(loaded.filter((f) => f.includes('@stdlib')).length));`;
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }));
}

describe('the @stdlib special functions load on first use', () => {
  it('not when profiling code is loaded, and once a p-value needs them', () => {
    const profile = `await import(${JSON.stringify(dist('profile/index.js'))});`;
    expect(stdlibFilesAfter(profile)).toBe(0);
    const stats = `const { erf } = await import(${JSON.stringify(dist('stats/index.js'))});
if (Math.abs(erf(1) - 0.8427007929497148) > 1e-15) throw new Error('erf');`;
    expect(stdlibFilesAfter(stats)).toBeGreaterThan(0);
  });
});
