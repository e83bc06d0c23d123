import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The contract suite's concurrency case and the durability cases write real files and
    // fsync; give them room on a noisy 2-core machine without hiding a hang.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The map page and the service bundle are built before any test serves them (GET /, test/browser/, server processes).
    globalSetup: ['test/support/buildDist.ts'],
  },
});
