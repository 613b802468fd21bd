import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listJobs } from "../../src/store/jobs.js";
import { noticesByDecision, setNoticeState } from "../../src/store/model-notices.js";
import { openDb } from "../../src/store/open-db.js";
import type { SqlClient } from "../../src/store/sql-client.js";
import type { CatalogSource } from "../../src/watcher/catalog-source.js";
import { checkModels, type ModelCheckDeps } from "../../src/watcher/check-models.js";
import { catalogRecord, DATE_SOURCES } from "../../src/watcher/model-record.js";
import { seedDecision } from "../support/seed.js";

let db: SqlClient;
let fetches = 0;

const record = (id: string, date: string) => catalogRecord({ id, provider: "openai", date, dateSource: DATE_SOURCES[0], source: "test" });
const source: CatalogSource = {
  name: "test",
  fetchModels: async () => {
    fetches++;
    return [
      record("gpt-4o-2024-05-13", "2024-05-13"),
      record("gpt-4o-2024-08-06", "2024-08-06"),
      record("gpt-4o-2024-11-20", "2024-11-20"),
    ];
  },
};

function deps(overrides: Partial<ModelCheckDeps> = {}): ModelCheckDeps {
  return {
    db,
    sources: [source],
    fetch: globalThis.fetch,
    timeoutMs: 1000,
    minAgeDays: 3,
    now: () => new Date("2026-11-24T00:00:00Z"),
    log: () => undefined,
    ...overrides,
  };
}

async function store(n: number, baseModel = "gpt-4o-2024-05-13", posted = true): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) ids.push((await seedDecision(db, { baseModel, threadTs: posted ? `${1000 + i}.1` : null })).id);
  return ids;
}

/** The notice posts queued, as (decision, models named). */
async function queuedNotices() {
  const jobs = await listJobs(db);
  return jobs
    .filter((j) => j.kind === "post-notice")
    .map((j) => {
      const payload = j.payload as { decision: { id: number }; content: { versions: { id: string }[] } };
      return { decisionId: payload.decision.id, models: payload.content.versions.map((v) => v.id), status: j.status };
    });
}

beforeEach(async () => {
  db = await openDb(":memory:");
  fetches = 0;
});
afterEach(async () => db.close());

describe("checkModels", () => {
  it("reads decisions a page at a time, fetches each source once, and queues one notice per decision", async () => {
    const ids = await store(7);
    await store(2, "gpt-4o-2024-11-20");
    await store(1, "gpt-4o-2024-05-13", false); // not posted yet: no thread to reply in
    let nudged = 0;
    const report = await checkModels(deps({ pageSize: 3, queued: () => nudged++ }));
    expect(fetches).toBe(1);
    expect(report.decisions).toBe(9);
    expect(report.distinctModels).toBe(2);
    const queued = await queuedNotices();
    expect(queued.map((q) => q.decisionId)).toEqual(ids);
    expect(queued[0]!.models).toEqual(["gpt-4o-2024-08-06", "gpt-4o-2024-11-20"]);
    expect(queued.every((q) => q.status === "pending")).toBe(true);
    expect(nudged).toBeGreaterThan(0);
    // Recorded as told with the job, in one transaction; the post's ts comes when the worker posts it.
    expect((await noticesByDecision(db)).get(ids[0]!)?.map((n) => [n.modelId, n.state, n.messageTs])).toEqual([
      ["gpt-4o-2024-08-06", "announced", null],
      ["gpt-4o-2024-11-20", "announced", null],
    ]);
  });

  it("queues a notice once: the next pass plans nothing while it waits to be posted, or after", async () => {
    await store(2);
    expect((await checkModels(deps())).queued).toHaveLength(2);
    const again = await checkModels(deps());
    expect(again.planned).toEqual([]);
    expect(await queuedNotices()).toHaveLength(2);
  });

  it("a dry run plans and records nothing", async () => {
    await store(2);
    const report = await checkModels(deps(), { dryRun: true });
    expect(report.planned).toHaveLength(2);
    expect(await queuedNotices()).toEqual([]);
    expect((await noticesByDecision(db)).size).toBe(0);
  });

  it("stays quiet about ignored versions", async () => {
    const [a] = await store(1);
    await checkModels(deps());
    await setNoticeState(db, a!, ["gpt-4o-2024-08-06", "gpt-4o-2024-11-20"], "ignored");
    const again = await checkModels(deps());
    expect(again.planned).toEqual([]);
  });
});
