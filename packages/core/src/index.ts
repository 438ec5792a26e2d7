/**
 * @vigie/core: the library behind the vigie command. Each domain is also importable on its own,
 * e.g. `import { ks2samp } from '@vigie/core/stats'`.
 */
export * from './errors/index.js';
export * from './verdict/index.js';
