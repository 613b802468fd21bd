import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Integration tests start real HTTP servers and SQLite files; two cores are all we have.
    maxWorkers: 2,
  },
});
