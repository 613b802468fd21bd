import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listJobs } from "../../src/store/jobs.js";
import { actOnNotice, noticesOf } from "../../src/store/model-notices.js";
import type { SqlClient } from "../../src/store/sql-client.js";
import type { CatalogSource } from "../../src/watcher/catalog-source.js";
import { checkModels, type ModelCheckDeps } from "../../src/watcher/check-models.js";
import { knownCatalog } from "../../src/watcher/known-catalog.js";
import { LINEAGE_POLICIES } from "../../src/watcher/lineage-policy.js";
import { catalogRecord, DATE_SOURCES, type ModelRecord } from "../../src/watcher/model-record.js";
import { seedDecision } from "../support/seed.js";
import { STORE_DIALECTS } from "../support/store-dialects.js";

let db: SqlClient;
let fetches = 0;
let catalog: ModelRecord[];

const record = (id: string, date: string | null, provider = "openai") =>
  catalogRecord({ id, provider, date, dateSource: DATE_SOURCES[1], source: "models.dev" });
const GPT_4O = [
  record("gpt-4o-2024-05-13", "2024-05-13"),
  record("gpt-4o-2024-08-06", "2024-08-06"),
  record("gpt-4o-2024-11-20", "2024-11-20"),
];
const source: CatalogSource = {
  name: "test",
  fetchModels: async () => {
    fetches++;
    return catalog;
  },
};

let clock: Date;
function deps(overrides: Partial<ModelCheckDeps> = {}): ModelCheckDeps {
  return {
    db,
    sources: [source],
    fetch: globalThis.fetch,
    timeoutMs: 1000,
    minAgeDays: 3,
    now: () => clock,
    log: () => undefined,
    ...overrides,
  };
}

async function store(n: number, options: Parameters<typeof seedDecision>[1] = {}): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < n; i++)
    ids.push((await seedDecision(db, { baseModel: "gpt-4o-2024-05-13", threadTs: `${1000 + i}.1`, ...options })).id);
  return ids;
}

/** What each queued notice post tells, as `decision:model:versions`. */
async function queued(): Promise<string[]> {
  const lines: string[] = [];
  for (const job of (await listJobs(db)).filter((j) => j.kind === "post-notice")) {
    const notice = (await noticesOf(db, job.decisionId!)).find((n) => n.id === (job.payload as { noticeId: number }).noticeId)!;
    const what = notice.content.kind === "lifecycle" ? notice.content.lifecycle.status : notice.content.versions.map((v) => v.id).join(",");
    lines.push(`${job.decisionId}:${notice.modelId}:${what}`);
  }
  return lines;
}

const count = async (table: string) => (await db.all<{ n: number }>(sql.raw(`select count(*) as n from ${table}`)))[0]!.n;

afterEach(async () => db.close());

describe.each(STORE_DIALECTS)("checkModels ($name)", ({ open }) => {
  beforeEach(async () => {
    db = await open();
    fetches = 0;
    catalog = [...GPT_4O];
    clock = new Date("2026-11-24T00:00:00Z");
  });

  it("reads decisions a page at a time, fetches each source once, and queues one notice per model with news", async () => {
    const ids = await store(7, { decidedOn: "2024-09-01" });
    await store(2, { baseModel: "gpt-4o-2024-11-20", decidedOn: "2024-09-01" });
    await store(1, { threadTs: null, decidedOn: "2024-09-01" }); // not posted yet: no thread to reply in
    let nudged = 0;
    const report = await checkModels(deps({ pageSize: 3, queued: () => nudged++ }));
    expect(fetches).toBe(1);
    expect(report.decisions).toBe(9);
    expect(report.distinctModels).toBe(2);
    expect(await queued()).toEqual(ids.map((id) => `${id}:gpt-4o-2024-05-13:gpt-4o-2024-11-20`));
    expect(nudged).toBeGreaterThan(0);
    // Recorded as told with the job, in one transaction; the post's ts comes when the worker posts it.
    expect(await noticesOf(db, ids[0]!)).toMatchObject([{ modelId: "gpt-4o-2024-05-13", state: "announced", messageTs: null }]);
    expect((await listJobs(db)).filter((j) => j.kind === "post-notice").every((j) => j.status === "pending")).toBe(true);
  });

  it("tells a decision about its production model and its model to fine-tune, once each, and never old news", async () => {
    catalog = [...GPT_4O, record("gpt-4o-mini-2024-07-18", "2024-07-18"), record("gpt-4.1-mini-2025-04-14", "2025-04-14")];
    const [both] = await store(1, { candidateModel: "gpt-4o-mini-2024-07-18", decidedOn: "2024-09-01" });
    const [late] = await store(1, { decidedOn: "2026-11-24" });
    await checkModels(deps({ policy: LINEAGE_POLICIES["product-line"] }));
    // gpt-4o-2024-08-06 was out before the decision; a successor under a new name counts under this policy.
    expect(await queued()).toEqual([
      `${both}:gpt-4o-2024-05-13:gpt-4o-2024-11-20`,
      `${both}:gpt-4o-mini-2024-07-18:gpt-4.1-mini-2025-04-14`,
    ]);
    expect(await noticesOf(db, late!)).toEqual([]);
    await checkModels(deps({ policy: LINEAGE_POLICIES["product-line"] }));
    expect(await queued()).toHaveLength(2);
  });

  it("queues a notice once: the next passes plan nothing, and a version found later is a notice of its own", async () => {
    const [id] = await store(1, { decidedOn: "2024-06-01" });
    catalog = GPT_4O.slice(0, 2);
    expect((await checkModels(deps())).queued).toHaveLength(1);
    expect((await checkModels(deps())).planned).toEqual([]);
    catalog = [...GPT_4O];
    await checkModels(deps());
    expect(await queued()).toEqual([`${id}:gpt-4o-2024-05-13:gpt-4o-2024-08-06`, `${id}:gpt-4o-2024-05-13:gpt-4o-2024-11-20`]);
    expect((await checkModels(deps())).planned).toEqual([]);
  });

  it("a dry run plans and records nothing", async () => {
    catalog = [...GPT_4O, record("gpt-4o-2099-01-01", null)];
    await store(2, { decidedOn: "2024-09-01" });
    const report = await checkModels(deps(), { dryRun: true });
    expect(report.planned).toHaveLength(2);
    expect(await queued()).toEqual([]);
    for (const table of ["watch_notices", "model_news", "catalog_first_seen"]) expect(await count(table)).toBe(0);
  });

  it("stores when it first saw a catalog id without a release date, and keeps that day", async () => {
    catalog = [...GPT_4O, record("gpt-4o-latest-undated", null), record("gpt-4o-2025-03-01", null)];
    clock = new Date("2026-01-10T00:00:00Z");
    await checkModels(deps());
    clock = new Date("2026-02-10T00:00:00Z");
    await checkModels(deps());
    const rows = await db.all<{ id: string; day: string }>(
      sql`select catalog_id as id, first_seen as day from catalog_first_seen order by catalog_id`,
    );
    // gpt-4o-2025-03-01 is dated by its id; only undated ids need a first-seen day.
    expect(rows).toEqual([{ id: "gpt-4o-latest-undated", day: "2026-01-10" }]);
  });

  it("announces an undated version only to decisions made on or before the day it was first seen", async () => {
    catalog = [record("gemini-2.5-flash", "2025-06-17", "google"), record("gemini-3.5-flash", null, "google")];
    const [before] = await store(1, { baseModel: "gemini-2.5-flash", decidedOn: "2026-01-05" });
    clock = new Date("2026-01-10T00:00:00Z");
    await checkModels(deps());
    const [after] = await store(1, { baseModel: "gemini-2.5-flash", decidedOn: "2026-01-11" });
    await checkModels(deps());
    expect(await queued()).toEqual([`${before}:gemini-2.5-flash:gemini-3.5-flash`]);
    expect(await noticesOf(db, after!)).toEqual([]);
  });

  it("passes the lineage policy to the comparison", async () => {
    catalog = [record("gpt-4o-2024-11-20", "2024-11-20"), record("gpt-4.1-2025-04-14", "2025-04-14")];
    const [id] = await store(1, { baseModel: "gpt-4o-2024-11-20", decidedOn: "2025-01-01" });
    expect((await checkModels(deps(), { dryRun: true })).planned).toEqual([]);
    await checkModels(deps({ policy: LINEAGE_POLICIES["product-line"] }));
    expect(await queued()).toEqual([`${id}:gpt-4o-2024-11-20:gpt-4.1-2025-04-14`]);
  });

  it("tells a snoozed notice again once its date has passed, and an ignored one never", async () => {
    const [snoozed, ignored] = await store(2, { decidedOn: "2024-06-01" });
    await checkModels(deps());
    const [a] = await noticesOf(db, snoozed!);
    const [b] = await noticesOf(db, ignored!);
    await actOnNotice(db, a!.id, "UA", { state: "snoozed", until: "2026-12-24T00:00:00.000Z" });
    await actOnNotice(db, b!.id, "UB", { state: "ignored" });
    clock = new Date("2026-12-20T00:00:00Z");
    expect((await checkModels(deps())).retold).toEqual([]);
    clock = new Date("2026-12-25T00:00:00Z");
    expect((await checkModels(deps())).retold.map((r) => r.notice.id)).toEqual([a!.id]);
    expect(await noticesOf(db, snoozed!)).toMatchObject([{ state: "announced", actedBy: null, snoozedUntil: null }]);
    expect((await checkModels(deps())).retold).toEqual([]);
    expect(await queued()).toHaveLength(3);
  });

  it("does not tell again what a decision was told before numbers existed (a notice stored by an older version)", async () => {
    const [id] = await store(1, { decidedOn: "2024-06-01" });
    await db.run(sql`insert into watch_notices (decision_id, model_id, kind, content, state, message_ts)
      values (${id}, 'gpt-4o-2024-05-13', 'newer-version',
        ${JSON.stringify({ kind: "newer-version", versions: [{ id: "gpt-4o-2024-08-06", releaseDate: "2024-08-06", source: "the catalog" }] })},
        'ignored', '1.1')`);
    await checkModels(deps());
    expect(await queued()).toEqual([`${id}:gpt-4o-2024-05-13:gpt-4o-2024-11-20`]);
    // The mark moved even so: the next pass reads nothing of this decision's notices.
    expect((await checkModels(deps())).planned).toEqual([]);
  });

  it("leaves the catalog it read for the verdicts of new decisions", async () => {
    const known = knownCatalog([], new Map());
    await checkModels(deps({ catalog: known }));
    expect(known.current().index.byId.has("gpt-4o-2024-11-20")).toBe(true);
  });

  it("hands every record it read to the model menus, price-only rows included; a dry run or an empty read hands nothing", async () => {
    const priceOnly: ModelRecord = { ...record("ft:gpt-4o-mini-2024-07-18", null), priceOnly: true };
    catalog = [...GPT_4O, priceOnly];
    const heard: (readonly ModelRecord[])[] = [];
    const onCatalog = (records: readonly ModelRecord[]) => void heard.push(records);
    await checkModels(deps({ onCatalog }), { dryRun: true });
    expect(heard).toEqual([]);
    await checkModels(deps({ onCatalog }));
    expect(heard).toEqual([catalog]);
    catalog = [];
    await checkModels(deps({ onCatalog }));
    expect(heard).toHaveLength(1);
  });
});

describe("what the watch stores grows with notices, not with decisions times versions", () => {
  beforeEach(async () => {
    db = await STORE_DIALECTS[0]!.open();
    fetches = 0;
    clock = new Date("2026-11-24T00:00:00Z");
  });

  it("one notice row per decision and model told, and one news row per model and version", async () => {
    const versions = 11;
    catalog = Array.from({ length: versions + 1 }, (_, i) =>
      record(`acme-chat-2025-${String(i + 1).padStart(2, "0")}-01`, `2025-${String(i + 1).padStart(2, "0")}-01`, "acme"),
    );
    const models = ["acme-chat-2025-01-01", "acme-chat-2025-02-01", "acme-chat-2025-03-01"];
    const decisions = 60;
    for (let i = 0; i < decisions; i++) {
      await seedDecision(db, {
        baseModel: models[i % 3]!,
        ...(i % 2 === 0 ? { candidateModel: models[(i + 1) % 3]! } : {}),
        threadTs: `${2000 + i}.1`,
        // Half were made before any of these versions, half after all of them (those hear nothing).
        decidedOn: i < decisions / 2 ? "2024-12-01" : "2026-06-01",
      });
    }
    const report = await checkModels(deps());
    const notices = report.queued.reduce((n, q) => n + q.jobKeys.length, 0);
    // The first 30 decisions: every one hears of its production model; the even ones of their model to fine-tune too.
    expect(notices).toBe(30 + 15);
    expect(await count("watch_notices")).toBe(notices);
    // Each model's newer versions, numbered once for every decision: 11 + 10 + 9.
    expect(await count("model_news")).toBe(versions + (versions - 1) + (versions - 2));
    // Every decision told something carries the mark: a quiet pass compares numbers and reads none of its notices.
    const marks = await db.all<{ mark: number; n: number }>(sql`
      select watch_seq as mark, count(*) as n from decisions where id in (select decision_id from watch_notices) group by watch_seq`);
    expect(marks).toEqual([{ mark: await count("model_news"), n: 30 }]);
    const before = { notices: await count("watch_notices"), news: await count("model_news"), jobs: await count("jobs") };
    await checkModels(deps());
    expect({ notices: await count("watch_notices"), news: await count("model_news"), jobs: await count("jobs") }).toEqual(before);
  });
});
