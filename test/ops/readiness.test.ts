import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { createReadiness } from "../../src/ops/readiness.js";
import { databaseWritable, socketConnected } from "../../src/ops/readiness-checks.js";
import { openDb } from "../../src/store/open-db.js";
import { sqliteClient } from "../../src/store/sqlite-client.js";

describe("createReadiness", () => {
  it("is ready when every check passes, and names the ones that fail", async () => {
    const ready = createReadiness([
      { name: "database", probe: async () => undefined },
      { name: "slack", probe: async () => undefined },
    ]);
    expect(await ready.report()).toEqual({ ready: true, checks: { database: "ok", slack: "ok" } });
    const notReady = createReadiness([
      { name: "database", probe: async () => undefined },
      { name: "slack", probe: () => Promise.reject(new Error("invalid_auth")) },
    ]);
    expect(await notReady.report()).toEqual({ ready: false, checks: { database: "ok", slack: "invalid_auth" } });
  });

  it("reuses a report for cacheMs, shared by concurrent callers", async () => {
    let clock = 1000;
    let probes = 0;
    const readiness = createReadiness([{ name: "slack", probe: async () => probes++ }], { cacheMs: 5000, now: () => clock });
    await Promise.all([readiness.report(), readiness.report()]);
    clock += 4999;
    await readiness.report();
    expect(probes).toBe(1);
    clock += 1;
    await readiness.report();
    expect(probes).toBe(2);
  });

  it("counts a check that never answers as failed", async () => {
    const readiness = createReadiness([{ name: "slack", probe: () => new Promise(() => {}) }], { timeoutMs: 20 });
    expect(await readiness.report()).toEqual({ ready: false, checks: { slack: "no answer within 20 ms" } });
  });

  it("reports not ready once stopping, without asking anyone", async () => {
    let probes = 0;
    const readiness = createReadiness([{ name: "slack", probe: async () => probes++ }]);
    readiness.markStopping();
    expect(await readiness.report()).toEqual({ ready: false, checks: { app: "stopping" } });
    expect(probes).toBe(0);
  });
});

describe("readiness checks", () => {
  it("the database probe commits a write, so a read-only database fails it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "swf-readiness-"));
    try {
      const path = join(dir, "app.db");
      const db = await openDb(path);
      await expect(databaseWritable(db).probe()).resolves.toBeUndefined();
      await db.close();
      const header = new Database(path, { readonly: true });
      expect(header.pragma("application_id", { simple: true })).toBe(0x53574654);
      header.close();
      const readOnly = sqliteClient(new Database(path, { readonly: true }));
      await expect(databaseWritable(readOnly).probe()).rejects.toThrow(/readonly/);
      await readOnly.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the socket probe follows the connection", async () => {
    let open = false;
    const check = socketConnected(() => open);
    await expect(check.probe()).rejects.toThrow("Socket Mode connection not open");
    open = true;
    await expect(check.probe()).resolves.toBeUndefined();
  });
});
