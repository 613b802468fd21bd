import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { decide } from "../../src/engine/decide.js";
import { insertDecision, markMessagePosted } from "../../src/store/decisions.js";
import { noticesByDecision, setNoticeState, type WatchedDecision } from "../../src/store/model-notices.js";
import { closeDb, type Db, openDb } from "../../src/store/open-db.js";
import type { CatalogSource } from "../../src/watcher/catalog-source.js";
import { checkModels, type ModelCheckDeps } from "../../src/watcher/check-models.js";
import { catalogRecord, DATE_SOURCES } from "../../src/watcher/model-record.js";
import { validAnswers } from "../support/answers.js";

let db: Db;
const posts: { decision: WatchedDecision; models: string[] }[] = [];
let failFor = new Set<number>();
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
    notifier: {
      announceNewer: async (decision, versions) => {
        if (failFor.has(decision.id)) throw new Error("ratelimited");
        posts.push({ decision, models: versions.map((v) => v.id) });
        return `${decision.id}.9`;
      },
      warnLifecycle: async () => "x",
    },
    ...overrides,
  };
}

function store(n: number, baseModel = "gpt-4o-2024-05-13", posted = true): number[] {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const answers = validAnswers({ baseModel });
    const { decision } = insertDecision(db, {
      teamId: "T1",
      channelId: "C1",
      requesterId: "U1",
      answers,
      verdict: decide(answers),
      submissionKey: `${baseModel}:${ids.length}:${Math.random()}`,
    });
    if (posted) markMessagePosted(db, decision.id, `${decision.id}.1`, `${decision.id}.1`, 0);
    ids.push(decision.id);
  }
  return ids;
}

beforeEach(() => {
  db = openDb(":memory:");
  posts.length = 0;
  failFor = new Set();
  fetches = 0;
});
afterEach(() => closeDb(db));

describe("checkModels", () => {
  it("reads decisions a page at a time, fetches each source once, and posts one notice per decision", async () => {
    const ids = store(7);
    store(2, "gpt-4o-2024-11-20");
    store(1, "gpt-4o-2024-05-13", false); // not posted yet: no thread to reply in
    const report = await checkModels(deps({ pageSize: 3 }));
    expect(fetches).toBe(1);
    expect(report.decisions).toBe(9);
    expect(report.distinctModels).toBe(2);
    expect(posts.map((p) => p.decision.id)).toEqual(ids);
    expect(posts[0]!.models).toEqual(["gpt-4o-2024-08-06", "gpt-4o-2024-11-20"]);
    expect(
      noticesByDecision(db)
        .get(ids[0]!)
        ?.map((n) => n.messageTs),
    ).toEqual([`${ids[0]}.9`, `${ids[0]}.9`]);
  });

  it("records nothing for a failed post, so the next pass posts it, once", async () => {
    const [a, b] = store(2);
    failFor = new Set([a!]);
    const first = await checkModels(deps());
    expect(first.failed.map((f) => f.notice.decision.id)).toEqual([a]);
    expect(noticesByDecision(db).has(a!)).toBe(false);
    failFor = new Set();
    await checkModels(deps());
    await checkModels(deps());
    expect(posts.map((p) => p.decision.id)).toEqual([b, a]);
  });

  it("a dry run plans and records nothing", async () => {
    store(2);
    const report = await checkModels(deps(), { dryRun: true });
    expect(report.planned).toHaveLength(2);
    expect(posts).toEqual([]);
    expect(noticesByDecision(db).size).toBe(0);
  });

  it("stays quiet about ignored versions", async () => {
    const [a] = store(1);
    await checkModels(deps());
    setNoticeState(db, a!, ["gpt-4o-2024-08-06", "gpt-4o-2024-11-20"], "ignored");
    const again = await checkModels(deps());
    expect(again.planned).toEqual([]);
  });
});
