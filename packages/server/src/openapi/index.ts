import { ROUTES } from '../routes/index.js';
import { VERSION } from '../version.js';
import { buildOpenApiDocument } from './document.js';

/** The OpenAPI 3.1 document of the registry API (what `schemas/registry-openapi.json` holds). */
export function openApiDocument(): Record<string, unknown> {
  return buildOpenApiDocument(ROUTES, VERSION);
}

/** The document as the checked-in file spells it. */
export function openApiText(): string {
  return `${JSON.stringify(openApiDocument(), null, 2)}\n`;
}
