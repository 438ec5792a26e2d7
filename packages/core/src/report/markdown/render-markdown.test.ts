import { describe, expect, it } from 'vitest';
import { HOSTILE_NAME } from '../../../test/support/reports/hostile.js';
import { sampleReport } from '../../../test/support/reports/sample-report.js';
import { wideReport } from '../../../test/support/reports/wide-report.js';
import type { Report } from '../model.js';
import { md } from './escape-markdown.js';
import { renderMarkdown } from './render-markdown.js';

describe('md', () => {
  it('escapes markup, pipes, HTML and line breaks', () => {
    expect(md('a|b *c* _d_ `e` [f](g) <x> & y\nz')).toBe(
      'a\\|b \\*c\\* \\_d\\_ \\`e\\` \\[f\\](g) &lt;x&gt; &amp; y z',
    );
  });
});

describe('renderMarkdown', () => {
  const report = sampleReport();
  const text = renderMarkdown(report);

  it('starts with the status, title and counts', () => {
    const [title, , facts] = text.split('\n');
    expect(title).toBe('### ❌ FAIL · Checks of penguins.csv');
    expect(facts).toBe(
      '`vigie check` · penguins.csv · 480 rows × 7 columns · 14 verdicts: 3 fail, 3 warn, 1 inconclusive, 7 pass · Vigie 0.1.0',
    );
  });

  it('lists verdicts worst first with value, threshold and reason', () => {
    expect(text).toContain(
      '| Status | Check | Value | Threshold | Reason |\n| --- | --- | ---: | --- | --- |',
    );
    expect(text).toContain('| ❌ FAIL | range:age | 3.4% | ≤ 1% | 16 of 470 values outside \\[18, 90\\] |');
    expect(text).toContain(
      '| ❌ FAIL | drift:income | 1.1e-30 | ≥ 0.05 | distributions differ (adjusted p 1.1e-30 &lt; 0.05) |',
    );
    expect(text).toContain(
      '| ❔ INCONCLUSIVE | drift:signup | — | &lt; 0.1 | too few values to compare — would decide it: at least 30 non-missing values on each side |',
    );
    const rows = text.split('\n').filter((l) => /^\| (❌|⚠️|❔|✅) /.test(l));
    const firstPass = rows.findIndex((l) => l.startsWith('| ✅'));
    expect(rows.slice(0, firstPass).every((l) => !l.startsWith('| ✅'))).toBe(true);
  });

  it('summarises drift, the split and the checks per split', () => {
    expect(text).toContain(
      '**No dataset drift**: 2 of 6 columns drifted (33.3% &lt; 50%) · reference.csv → penguins.csv · correction fdr\\_bh',
    );
    expect(text).toContain('| ❌ FAIL | income | ks | 0.31 | 2.2e-31 (1.1e-30) | 0.05 |');
    expect(text).toContain('| train | 400 | 80% | `a1a1a1a1a1a1` |');
    expect(text).toContain('- Representativeness of test: 1 of 2 features differ from the rest (income)');
    expect(text).toContain('- Leakage: 3 rows (duplicate-rows, train ↔ test)');
    expect(text).toContain('| test | 50 | ⚠️ WARN | 1 warn, 1 pass | missing:income |');
    expect(text).toContain('- exclude:age:out\\_of\\_range: 20 rows removed (500 → 480 rows)');
  });

  it('escapes hostile names so they render as text', () => {
    expect(text).not.toContain(HOSTILE_NAME);
    expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(text).not.toContain('<img');
  });

  it('caps long tables and says how many rows it left out', () => {
    const wide = renderMarkdown(wideReport(200), { maxRows: 20 });
    expect(wide).toContain('_180 more verdicts not shown (47 fail, 133 pass)._');
    expect(wide).toContain('_180 more columns not shown (47 fail, 133 pass)._');
    expect(wide.length).toBeLessThan(20_000);
  });

  it('summarises the columns of a profile run', () => {
    const profileRun: Report = {
      ...report,
      command: 'profile',
      verdicts: [],
      splitChecks: [],
      counts: { pass: 0, warn: 0, fail: 0, inconclusive: 0, total: 0 },
    };
    const out = renderMarkdown({ ...profileRun, drift: [], split: undefined, repair: undefined });
    expect(out.split('\n')[0]).toBe('### Checks of penguins.csv');
    expect(out).toContain(
      '| species | categorical | 0.83% | 4 | adelie 44.6%, gentoo 29.4%, chinstrap 13.5% |',
    );
    expect(out).not.toContain('#### Verdicts');
  });
});
