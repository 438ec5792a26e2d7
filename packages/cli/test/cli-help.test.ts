import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lines, workspace } from './support/run-cli.js';

const ws = workspace('vigie-cli-help-');

const COMMANDS: Record<string, string[]> = {
  profile: ['--out', '--merge', '--quantiles', '--json', '--html', '--sample', '--max-memory'],
  check: ['--config', '--data', '--no-repair', '--no-split', '--json', '--junit', '--html'],
  drift: ['--method', '--threshold', '--correction', '--share', '--columns', '--json', '--html'],
  split: ['--label', '--key', '--group', '--ratios', '--seed', '--out', '--output-format', '--json'],
};

describe('vigie COMMAND --help', () => {
  it.each(Object.entries(COMMANDS))(
    '%s: exits 0, lists its options and examples',
    async (command, options) => {
      const r = await ws.run([command, '--help']);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(new RegExp(`^Usage: vigie ${command} `));
      for (const option of options)
        expect(r.stdout, option).toMatch(new RegExp(`^\\s+(-\\w, )?${option}\\b`, 'm'));
      expect(r.stdout).toMatch(/^Examples:$/m);
      expect(r.stdout).toMatch(new RegExp(`^\\s+\\$ vigie ${command}\\b`, 'm'));

      // the description is one paragraph wrapped to the 80-column help width, not ragged
      const out = lines(r.stdout);
      const start = out.indexOf('') + 1;
      const paragraph = out.slice(start, out.indexOf('', start));
      expect(paragraph.length).toBeGreaterThan(1);
      for (const line of paragraph.slice(0, -1)) {
        expect(line.length, line).toBeLessThanOrEqual(80);
        expect(line.length, line).toBeGreaterThan(60);
      }
    },
  );

  it('vigie --help lists the commands, the exit codes and examples', async () => {
    const r = await ws.run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    for (const command of Object.keys(COMMANDS))
      expect(r.stdout).toMatch(new RegExp(`^\\s+${command} `, 'm'));
    expect(r.stdout).toMatch(/Exit codes: 0 .*, 1 .*, 2 /);
    expect(r.stdout).toMatch(/^Examples:$/m);
  });

  it('vigie --version prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    const r = await ws.run(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${version}\n`);
  });
});

describe('a reader that stops early (vigie ... | head)', () => {
  it('is not an error: no crash, no stack trace', async () => {
    ws.file('data.csv', `x,c\n${Array.from({ length: 500 }, (_, i) => `${i},${i % 7}`).join('\n')}\n`);
    const r = await ws.run(['profile', 'data.csv', '--json'], { closeStdout: true });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});
