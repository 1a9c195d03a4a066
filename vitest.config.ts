import { defineConfig } from 'vitest/config';

// Vitest 4: one project per package plus the cross-package tests in test/.
// Unit tests run on the TypeScript sources; the CLI end-to-end and browser tests in test/
// run the built output (the test command builds first; the e2e set-up rebuilds the CLI bundle).
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'core', include: ['packages/core/src/**/*.test.ts'], testTimeout: 30_000 } },
      { test: { name: 'report', include: ['packages/report/src/**/*.test.ts'], testTimeout: 30_000 } },
      { test: { name: 'cli', include: ['packages/cli/src/**/*.test.ts'], testTimeout: 30_000 } },
      { test: { name: 'e2e', include: ['test/**/*.test.ts'], globalSetup: ['test/global-setup.ts'], testTimeout: 60_000, hookTimeout: 120_000 } },
    ],
  },
});
