import type { Verdict } from '../../verdict/index.js';
import type { Report } from '../model.js';

function xml(s: string): string {
  return (
    s
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: XML 1.0 forbids these characters
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
  );
}

function detail(v: Verdict): string {
  const lines = [
    `method: ${v.method}`,
    `value: ${v.value ?? 'n/a'}${v.threshold === null ? '' : ` (threshold ${v.comparison ?? ''} ${v.threshold})`}`,
    `sample sizes: ${Object.entries(v.sampleSizes)
      .map(([k, n]) => `${k}=${n}`)
      .join(', ')}`,
  ];
  if (v.effectSize) {
    const ci = v.effectSize.ci ? ` [${v.effectSize.ci[0]}, ${v.effectSize.ci[1]}]` : '';
    lines.push(`effect size: ${v.effectSize.name} = ${v.effectSize.value}${ci}`);
  }
  if (v.decideBy) lines.push(`would decide it: ${v.decideBy}`);
  if (v.examples && v.examples.length > 0) {
    lines.push(
      `examples: ${v.examples.map((e) => `${e.row !== undefined ? `row ${e.row}` : ''}${e.value !== undefined ? ` ${JSON.stringify(e.value)}` : ''}`).join('; ')}`,
    );
  }
  return lines.join('\n');
}

function testcase(v: Verdict, suite: string): string {
  const open = `    <testcase classname="vigie.${xml(suite)}.${xml(v.kind)}" name="${xml(v.check)}${v.subject && !v.check.includes(v.subject) ? ` (${xml(v.subject)})` : ''}" time="0">`;
  switch (v.status) {
    case 'fail':
      return `${open}\n      <failure message="${xml(v.reason)}" type="fail">${xml(detail(v))}</failure>\n    </testcase>`;
    case 'inconclusive':
      return `${open}\n      <skipped message="inconclusive: ${xml(v.reason)}${v.decideBy ? ` (would decide it: ${xml(v.decideBy)})` : ''}"/>\n    </testcase>`;
    case 'warn':
      return `${open}\n      <system-out>WARN: ${xml(v.reason)}\n${xml(detail(v))}</system-out>\n    </testcase>`;
    default:
      return `${open}\n      <system-out>${xml(v.reason)}</system-out>\n    </testcase>`;
  }
}

function suite(name: string, verdicts: readonly Verdict[], timestamp: string): string {
  const failures = verdicts.filter((v) => v.status === 'fail').length;
  const skipped = verdicts.filter((v) => v.status === 'inconclusive').length;
  const cases = verdicts.map((v) => testcase(v, name)).join('\n');
  return `  <testsuite name="${xml(name)}" tests="${verdicts.length}" failures="${failures}" errors="0" skipped="${skipped}" timestamp="${xml(timestamp.replace(/Z$/, ''))}" time="0">\n${cases}\n  </testsuite>`;
}

/**
 * JUnit XML for CI systems: one test suite for the checks and one per split, one test case per
 * verdict. fail → <failure>, inconclusive → <skipped> with what would decide it, warn → passes
 * with a WARN line in <system-out>.
 */
export function renderJunit(report: Report): string {
  const suites = [
    suite(report.command === 'check' ? 'checks' : report.command, report.verdicts, report.createdAt),
  ];
  for (const s of report.splitChecks ?? [])
    suites.push(suite(`split:${s.split}`, s.verdicts, report.createdAt));
  const c = report.counts;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${xml(report.title)}" tests="${c.total}" failures="${c.fail}" errors="0" skipped="${c.inconclusive}" time="0">\n${suites.join('\n')}\n</testsuites>\n`;
}
