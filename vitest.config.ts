import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The contract suite's concurrency case and the durability cases write real files and
    // fsync; give them room on a noisy 2-core machine without hiding a hang.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The map page is built from web/ before any test serves it (GET / and test/browser/).
    globalSetup: ['test/support/buildWeb.ts'],
  },
});
