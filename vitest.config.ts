// Unit, golden and in-process HTTP tests: self-contained, no ../shared, no services.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/conformance/**', 'test/e2e/**', 'node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest's default is one worker per core minus one: a single worker on the 2-core CI machines.
    // Most files wait on DuckDB, child processes or sockets, so two workers finish ~20% sooner.
    maxWorkers: 2,
  },
});
