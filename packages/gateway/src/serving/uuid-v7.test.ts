import { describe, expect, it } from 'vitest';
import { createUuidV7 } from './uuid-v7.js';

describe('createUuidV7', () => {
  it('makes RFC 9562 version 7 ids carrying the time, strictly increasing within a millisecond', () => {
    const next = createUuidV7(() => 1_764_000_000_000);
    const ids = Array.from({ length: 5000 }, next);
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
    expect(Number.parseInt(ids[0]!.replace(/-/g, '').slice(0, 12), 16)).toBe(1_764_000_000_000);
  });

  it('stays ordered when the clock steps back', () => {
    let t = 2_000;
    const next = createUuidV7(() => t);
    const a = next();
    t = 1_000;
    expect(next() > a).toBe(true);
  });
});
