import { describe, expect, it } from 'vitest';
import { anonymizer, checkAnonymizedFields, parseAnonymization } from './anonymize.js';

const KEY = 'vigie-test-key-0123456789';

describe('anonymizer', () => {
  it('removes dropped fields and replaces hashed ones by HMAC-SHA256 (hex, truncated)', () => {
    const config = parseAnonymization({ drop: ['name'], hash: ['email', 'customer'], key: KEY }, 'test');
    const row = { name: 'Ada', email: 'ada@example.org', customer: 42, age: 36, note: null };
    const out = anonymizer(config)(row);
    // Python: hmac.new(key, b'ada@example.org', hashlib.sha256).hexdigest()[:16]
    expect(out).toEqual({ email: '93cb396a322e8803', customer: '59bcdd4f1a07d9ce', age: 36, note: null });
    expect('name' in out).toBe(false);
    expect(row.name).toBe('Ada'); // the input is not changed
  });

  it('is stable under one key and differs under another; missing values stay missing', () => {
    const a = anonymizer(parseAnonymization({ hash: ['email'], key: KEY }, 'test'));
    const b = anonymizer(parseAnonymization({ hash: ['email'], key: 'another-key-0123456789' }, 'test'));
    expect(a({ email: 'ada@example.org' })).toEqual(a({ email: 'ada@example.org' }));
    expect(b({ email: 'ada@example.org' }).email).toBe('052342728d47b9a6');
    expect(a({ email: null })).toEqual({ email: null });
    expect(a({ email: '1' }).email).not.toBe(a({ email: 1 }).email);
  });

  it('keeps hashLength hex digits', () => {
    const f = anonymizer(parseAnonymization({ hash: ['email'], key: KEY, hashLength: 64 }, 'test'));
    expect(f({ email: 'ada@example.org' }).email).toMatch(/^93cb396a322e8803[0-9a-f]{48}$/);
  });

  it('refuses unknown keys, hashing without a key, a short key and a field both dropped and hashed', () => {
    expect(() => parseAnonymization({ drop: ['a'], hashh: ['b'] }, 'vigie.yaml: anonymize')).toThrow(
      /^vigie\.yaml: anonymize: invalid anonymization at \(root\): .*hashh/,
    );
    expect(() => parseAnonymization({ hash: ['b'] }, 'cfg')).toThrow(
      'cfg: hashing fields needs a key (anonymize.key)',
    );
    expect(() => parseAnonymization({ hash: ['b'], key: 'short' }, 'cfg')).toThrow(
      /at key: the key must have at least 16/,
    );
    expect(() => parseAnonymization({ drop: ['b'], hash: ['b'], key: KEY }, 'cfg')).toThrow(
      'cfg: field "b" is both dropped and hashed',
    );
    expect(() => parseAnonymization({ drop: 'b' }, 'cfg')).toThrow(/at drop:/);
  });

  it("names the fields that are not among the model's inputs", () => {
    const config = parseAnonymization({ drop: ['emial'], hash: ['id', 'phone'], key: KEY }, 'cfg');
    expect(() => checkAnonymizedFields(config, ['id', 'email', 'age'], 'vigie.yaml')).toThrow(
      'vigie.yaml: anonymization names "emial", "phone", not among the model\'s inputs (id, email, age)',
    );
    expect(() => checkAnonymizedFields(config, ['id', 'emial', 'phone'], 'vigie.yaml')).not.toThrow();
  });

  it('copies the row unchanged when nothing is configured', () => {
    const f = anonymizer(parseAnonymization(undefined, 'cfg'));
    const row = { a: 1 };
    expect(f(row)).toEqual(row);
    expect(f(row)).not.toBe(row);
  });
});
