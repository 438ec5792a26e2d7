import type { z } from 'zod';
import * as entities from './entities.js';
import * as inputs from './inputs.js';

export * from './entities.js';
export * from './inputs.js';

/**
 * The named schemas of the API: in the OpenAPI document they are `#/components/schemas/NAME`,
 * and a route's body or response must be one of them.
 */
export const components: Readonly<Record<string, z.ZodType>> = { ...entities, ...inputs };
