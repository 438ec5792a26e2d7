import { readFileSync } from 'node:fs';
import { expect } from 'vitest';

/** One self-contained HTML document: no scripts, styles or images fetched from elsewhere. */
export function expectSelfContainedHtml(path: string): void {
  const html = readFileSync(path, 'utf8');
  expect(html.trimStart().toLowerCase().startsWith('<!doctype html>')).toBe(true);
  expect(html.match(/<html[\s>]/gi)?.length).toBe(1);
  expect(html.match(/<\/html>/gi)?.length).toBe(1);
  expect(html.trimEnd().toLowerCase().endsWith('</html>')).toBe(true);
  expect(html).not.toMatch(/<script[^>]*\ssrc=/i);
  expect(html).not.toMatch(/<link[^>]*rel=["']?stylesheet/i);
  expect(html).not.toMatch(/<img[^>]*\ssrc=["']?(?!data:)/i);
  expect(html).not.toMatch(/url\(\s*["']?(?:https?:)?\/\//i);
  expect(html).not.toMatch(/@import/i);
}
