import { describe, expect, it } from 'vitest';
import { describeId, formatRef, parseRef, sourceId } from './refs.js';

describe('parseRef', () => {
  it.each([
    ['penguins', { name: 'penguins', by: 'latest' }],
    ['penguins@latest', { name: 'penguins', by: 'latest' }],
    ['penguins@3', { name: 'penguins', by: 'version', version: 3 }],
    ['penguins@v3', { name: 'penguins', by: 'version', version: 3 }],
    ['penguins@1.2.0', { name: 'penguins', by: 'semver', semver: '1.2.0' }],
    ['penguins@champion', { name: 'penguins', by: 'alias', alias: 'champion' }],
    ['dataset:penguins@2', { name: 'penguins', by: 'version', version: 2 }],
    ['model:clf-v2.small@prod_eu', { name: 'clf-v2.small', by: 'alias', alias: 'prod_eu' }],
  ])('%s', (text, expected) => {
    expect(parseRef(text)).toEqual(expected);
    expect(parseRef(formatRef(parseRef(text)))).toEqual(expected);
  });

  it.each(['', '@3', 'bad name', 'penguins@0', 'penguins@1.2', 'penguins@-x', '../etc@1', 'a@b@'])(
    'rejects %j with INVALID_ARGUMENT',
    (text) => {
      expect(() => parseRef(text)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    },
  );
});

describe('ids', () => {
  it('describes versions by name@version and other records by id', () => {
    expect(describeId('dataset:penguins@3')).toEqual({ kind: 'dataset', ref: 'penguins@3' });
    expect(describeId('deployment:4')).toEqual({ kind: 'deployment', ref: 'deployment:4' });
  });

  it('derives a source id from its URI and content, stably', () => {
    const a = sourceId('https://example.org/a.csv', 'ab'.repeat(32));
    expect(a).toMatch(/^source:[0-9a-f]{24}$/);
    expect(sourceId('https://example.org/a.csv', 'ab'.repeat(32))).toBe(a);
    expect(sourceId('https://example.org/a.csv', null)).not.toBe(a);
  });
});
