// The same suites on the PostgreSQL store (the dev machine's, 127.0.0.1:5432, database test; or
// AGORA_STORE): the Explore API, golden ODSQL cases, security matrix, exports, governance, pages,
// real time, interop. Each test file gets a schema of its own (test/support/postgres-store.ts).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'test/http/**/*.test.ts', 'test/golden/**/*.test.ts', 'test/governance/**/*.test.ts', 'test/interop/**/*.test.ts',
      'test/realtime/**/*.test.ts', 'test/records-index/**/*.test.ts', 'test/pages/**/*.test.ts', 'test/respond/**/*.test.ts',
      'test/conformance/explore-api-client.test.ts', 'test/conformance/exports-ods-samples.test.ts', 'test/refresh/**/*.test.ts', 'test/ingest/negative-zero.test.ts', 'test/processors/**/*.test.ts',
    ],
    setupFiles: ['test/support/postgres-store.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
