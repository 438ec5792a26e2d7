import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configJsonSchema } from './json-schema.js';

describe('configJsonSchema', () => {
  it('matches the checked-in schemas/vigie.schema.json (run `npm run schema` after changing the zod schema)', () => {
    const committed = JSON.parse(
      readFileSync(new URL('../../../../schemas/vigie.schema.json', import.meta.url), 'utf8'),
    );
    expect(committed).toEqual(configJsonSchema());
  });
});
