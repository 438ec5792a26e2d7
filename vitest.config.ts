import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const coreSrc = fileURLToPath(new URL('./packages/core/src/', import.meta.url));
const serverSrc = fileURLToPath(new URL('./packages/server/src/', import.meta.url));
const gatewaySrc = fileURLToPath(new URL('./packages/gateway/src/', import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run against the TypeScript sources; the published packages point at dist/.
    alias: [
      { find: /^@vigie\/core$/, replacement: `${coreSrc}index.ts` },
      { find: /^@vigie\/core\/config$/, replacement: `${coreSrc}config-schema/index.ts` },
      { find: /^@vigie\/core\/report\/(html|markdown)$/, replacement: `${coreSrc}report/$1/index.ts` },
      { find: /^@vigie\/core\/(.+)$/, replacement: `${coreSrc}$1/index.ts` },
      { find: /^@vigie\/server$/, replacement: `${serverSrc}index.ts` },
      { find: /^@vigie\/server\/(.+)$/, replacement: `${serverSrc}$1/index.ts` },
      { find: /^@vigie\/gateway$/, replacement: `${gatewaySrc}index.ts` },
      { find: /^@vigie\/gateway\/(.+)$/, replacement: `${gatewaySrc}$1/index.ts` },
    ],
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'scripts/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    setupFiles: ['./vitest.setup.ts'],
  },
});
