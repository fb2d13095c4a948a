// Conformance runs that read ../shared (official spec, real ODS exports, SHACL shapes) and e2e.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/conformance/**/*.test.ts', 'test/e2e/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
    fileParallelism: false,
    passWithNoTests: true,
  },
});
