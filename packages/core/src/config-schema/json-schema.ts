import { z } from 'zod';
import { configSchema } from './schema.js';

/** The JSON Schema of `vigie.yaml` for editors, generated from the zod schema. */
export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return {
    ...schema,
    $id: 'https://vigie.dev/schemas/vigie.schema.json',
    title: 'vigie.yaml',
    description: 'Configuration of Vigie dataset checks, repairs and splits.',
  };
}
