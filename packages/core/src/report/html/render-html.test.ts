import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HOSTILE_NAME, HOSTILE_REASON, HOSTILE_VALUES } from '../../../test/support/reports/hostile.js';
import { degenerateReport, sampleReport } from '../../../test/support/reports/sample-report.js';
import { wideReport } from '../../../test/support/reports/wide-report.js';
import type { Report } from '../model.js';
import { CLIENT_SCRIPT } from './client-script.js';
import { renderHtml } from './render-html.js';

/** Everything a page could fetch from elsewhere. */
function externalReferences(html: string): string[] {
  const patterns = [
    /\b(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:|\/\/)/gi,
    /@import/gi,
    /url\(\s*["']?\s*(?:https?:|\/\/)/gi,
    /<link\b/gi,
    /<iframe\b/gi,
  ];
  const found = patterns.flatMap((p) => html.match(p) ?? []);
  // The only "http" allowed is the SVG namespace name in the page script (an identifier, never fetched).
  const http = html.replace(/http:\/\/www\.w3\.org\/2000\/svg/g, '').match(/https?:\/\/[^\s"'<>)]*/g) ?? [];
  return [...found, ...http];
}

function section(html: string, id: string): string {
  const start = html.indexOf(`<section id="${id}"`);
  expect(start, `section ${id}`).toBeGreaterThanOrEqual(0);
  return html.slice(start, html.indexOf('</section>', start));
}

describe('renderHtml', () => {
  const report = sampleReport();
  const html = renderHtml(report);

  it('is one self-contained document', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html.match(/<html\b/g)).toHaveLength(1);
    expect(html.match(/<\/html>/g)).toHaveLength(1);
    expect(externalReferences(html)).toEqual([]);
    // One executable script; the others are JSON data blocks.
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.filter((s) => s === '<script>')).toHaveLength(1);
    expect(scripts.every((s) => s === '<script>' || s === '<script type="application/json">')).toBe(true);
  });

  it('allows only its own script, by hash, and no network', () => {
    const hash = createHash('sha256').update(CLIENT_SCRIPT).digest('base64');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    expect(csp).toContain(`script-src 'sha256-${hash}'`);
    expect(csp).toContain("default-src 'none'");
    expect(html).toContain(`<script>${CLIENT_SCRIPT}</script>`);
  });

  it('has a page script that parses', () => {
    expect(() => new Function(CLIENT_SCRIPT)).not.toThrow();
  });

  it('shows the header: title, command, source, shape, hash, time, version, status and counts', () => {
    const header = html.slice(html.indexOf('<header'), html.indexOf('</header>'));
    expect(header).toContain('<h1>Checks of penguins.csv</h1>');
    expect(header).toContain('vigie check');
    expect(header).toContain('480 rows × 7 columns');
    expect(header).toContain('9e3b0c44298f');
    expect(header).toContain('2024-05-06 07:08:09 UTC');
    expect(header).toContain('0.1.0');
    expect(header).toContain('Overall <span class="b fail">');
    expect(header).toMatch(/3 FAIL.*3 WARN.*1 INCONCLUSIVE.*7 PASS/s);
    expect(renderHtml(report, { title: 'Nightly' })).toContain('<title>Nightly</title>');
  });

  it('lists verdicts with status text, comparison, effect size, sizes, decideBy and examples', () => {
    const v = section(html, 'verdicts');
    expect(v.match(/<tr data-status=/g)).toHaveLength(report.verdicts.length);
    expect(v).toContain('data-filter="verdict-table"');
    expect(v).toContain('<input type="checkbox" value="inconclusive" checked>');
    expect(v).toContain('3.4%</span> <span class="m">vs ≤ 1%');
    expect(v).toContain('1.1e-30</span> <span class="m">vs ≥ 0.05');
    expect(v).toContain('[0.021, 0.055] 95% CI');
    expect(v).toContain('reference 500<br>current 12');
    expect(v).toContain('Would decide it: at least 30 non-missing values on each side');
    expect(v).toContain('<summary>3 examples</summary><ul><li>row 12: 7</li>');
    // Scalar details are shown; nested ones (a whole drift result) are not.
    expect(v).toContain('<dt>pvalue</dt><dd>0.12</dd>');
    expect(v).not.toContain('<dt>drift</dt>');
    expect(v).not.toContain('<dt>nested</dt>');
  });

  it('profiles every column, with the kind-specific summary and lazy plot data', () => {
    const p = section(html, 'profile');
    for (const c of report.profile!.columns)
      expect(p).toContain(
        `aria-label="Show details for ${c.name.replace(/</g, '&lt;').replace(/>/g, '&gt;')}"`,
      );
    expect(p.match(/<script type="application\/json">/g)).toHaveLength(report.profile!.columns.length);
    expect(p).toContain('“adelie” ');
    expect(p).toContain('true 63.8% · false 36.2%');
    expect(p).toContain('>2024-01-01<');
    expect(p).toContain('33.5 d');
    expect(p).toContain('class="spark"');
  });

  it('shows drift: the dataset summary and each column with its test, p-values and decision', () => {
    const d = section(html, 'drift');
    expect(d).toContain('No dataset drift</strong>: 2 of 6 columns drifted (33.3% &lt; threshold 50%)');
    expect(d.match(/<tr data-status=/g)).toHaveLength(7);
    expect(d).toMatch(
      /income<\/th><td>numeric<\/td><td>ks<\/td><td class="n">0.31<\/td><td class="n">2.2e-31<\/td><td class="n">1.1e-30<\/td><td class="n">0.05<\/td><td><strong>drift<\/strong>/,
    );
    expect(d).toContain('"k":"hist","title":"Reference and current distributions of income"');
    expect(d).toContain('"k":"line","title":"Quantile-quantile plot of income"');
    expect(d).toContain('"k":"hbar","title":"Category shares of species"');
  });

  it('draws the correlation heatmap with values on hover', () => {
    const c = section(html, 'correlation');
    expect(c.match(/<rect [^>]*><title>/g)).toHaveLength(16);
    expect(c).toContain('<title>age × income: 0.42</title>');
    expect(c).toContain('<title>income × signup: n/a</title>');
    const pairs = [
      ...c.matchAll(/<tr><td>([^<]+)<\/td><td>([^<]+)<\/td><td class="n">([^<]+)<\/td><\/tr>/g),
    ].map((m) => m.slice(1).join(' '));
    expect(pairs).toEqual([
      'score signup 0.88',
      'age income 0.42',
      'age score -0.31',
      'income score -0.12',
      'age signup 0.05',
    ]);
  });

  it('shows the split: parts, hashes, stratification, representativeness, leakage and per-split checks', () => {
    const s = section(html, 'split');
    expect(s).toContain('stratified-shuffle');
    expect(s).toContain('a1a1a1a1a1a1a1a1');
    expect(s).toContain('Stratification by species');
    expect(s).toMatch(/test<\/th><td class="n">1 of 2<\/td>/);
    expect(s).toContain('train ↔ test');
    expect(s).toContain('Checks on the test split (50 rows)');
    // The split verdicts are already in the main table.
    expect(s).not.toContain('split:leakage');
  });

  it('lists the repairs', () => {
    const r = section(html, 'repair');
    expect(r).toContain('penguins.repaired.csv');
    expect(r).toMatch(
      /impute:income<\/th><td>impute<\/td><td>income<\/td><td class="n">480<\/td><td class="n">480<\/td><td class="n" title="cells changed">30<\/td>/,
    );
    expect(r).toContain('<code>strategy</code>=median');
  });

  it('escapes hostile column names, values and reasons everywhere', () => {
    expect(html).not.toContain(HOSTILE_NAME);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('alert(2)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain(
      HOSTILE_REASON.replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&#39;'),
    );
    expect(html).toContain('Tom &amp; &quot;Jerry&quot;');
    // Inside JSON data blocks, markup characters are \u escapes and the data round-trips.
    const blocks = [...html.matchAll(/<script type="application\/json">(.*?)<\/script>/g)].map((m) => m[1]!);
    expect(blocks.length).toBeGreaterThan(0);
    const all = blocks.map((b) => JSON.stringify(JSON.parse(b))).join('');
    expect(all).toContain(JSON.stringify(HOSTILE_VALUES[2]).slice(1, -1));
  });

  it('renders a bare report without failing, saying there is nothing to show', () => {
    const bare: Report = {
      schemaVersion: 1,
      kind: 'vigie.report',
      command: 'profile',
      title: 't',
      createdAt: 'not a date',
      vigieVersion: '0',
      status: 'pass',
      counts: { pass: 0, warn: 0, fail: 0, inconclusive: 0, total: 0 },
      verdicts: [],
    };
    const out = renderHtml(bare);
    expect(out).toContain('no checks run');
    expect(out).toContain('holds no verdicts, profile or analysis');
    expect(out).not.toContain('<nav');
  });

  it('renders degenerate columns: all missing, constant, infinite, empty, unknown to the profiles', () => {
    const out = renderHtml(degenerateReport());
    const panels = [...out.matchAll(/<script type="application\/json">(.*?)<\/script>/g)].map((m) =>
      JSON.parse(m[1]!),
    );
    expect(panels.length).toBe(12);
    expect(JSON.stringify(panels)).toContain('every value is missing');
    expect(out).toContain('<title>flat × flat: 1</title>');
    expect(out).toContain('<title>flat × gone: n/a</title>');
  });

  it('caps the heatmap at 60 columns and keeps 1,000 columns within the size budget', () => {
    const wide = wideReport(1000);
    const out = renderHtml(wide);
    expect(Buffer.byteLength(out)).toBeLessThan(5_000_000);
    expect(section(out, 'correlation')).toContain('Showing the 60 of 600 columns');
    expect(section(out, 'correlation').match(/<rect [^>]*><title>/g)).toHaveLength(3600);
    expect(section(out, 'drift').match(/<tr data-status=/g)).toHaveLength(1000);
    expect(externalReferences(out)).toEqual([]);
  });
});
