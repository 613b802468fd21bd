import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Generous: a test fails on what it checks, never because a shared 2-core machine was slow. Waits inside tests end
    // on a signal from the app; these limits only stop a test that hangs.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Integration tests start real HTTP servers and SQLite files; two cores are all we have.
    maxWorkers: 2,
  },
});
