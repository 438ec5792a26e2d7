import { describe, expect, it } from 'vitest';
import { esc, scriptJson } from './escape.js';

describe('esc', () => {
  it('escapes the five characters that matter in content and quoted attributes', () => {
    expect(esc(`<a href="x" title='y'>&amp;</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;',
    );
    expect(esc('plain text, ünïcode ✓')).toBe('plain text, ünïcode ✓');
  });
});

describe('scriptJson', () => {
  it('cannot close its script element or open a comment, and parses back to the same value', () => {
    const value = { name: '</script><script>alert(1)</script>', note: '<!-- & -->', sep: '\u2028\u2029' };
    const json = scriptJson(value);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual(value);
  });
  it('writes non-finite numbers as null', () => {
    expect(scriptJson([1, Number.NaN, Number.POSITIVE_INFINITY])).toBe('[1,null,null]');
  });
});
