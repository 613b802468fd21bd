import { describe, expect, it } from "vitest";
import type { NewsItem, WatchedDecision } from "../../src/store/watch-state.js";
import { buildCatalogIndex } from "../../src/watcher/catalog-index.js";
import { LINEAGE_POLICIES } from "../../src/watcher/lineage-policy.js";
import { type CatalogRow, catalogRecord, DATE_SOURCES, type ModelRecord } from "../../src/watcher/model-record.js";
import {
  byModel,
  findNews,
  type NewsEntry,
  type NewsOptions,
  type PlannedNotices,
  planNotices,
  toldKeys,
  withoutTold,
} from "../../src/watcher/plan-notices.js";

const record = (id: string, date: string | null, extra: Partial<CatalogRow> = {}): ModelRecord =>
  catalogRecord({ id, provider: "openai", date, dateSource: DATE_SOURCES[1], source: "models.dev", ...extra });

const index = buildCatalogIndex([
  record("gpt-4o-2024-05-13", "2024-05-13"),
  record("gpt-4o-2024-08-06", "2024-08-06"),
  record("gpt-4o-2024-11-20", "2024-11-20"),
  record("gpt-4o-mini-2024-07-18", "2024-07-18"),
  record("gpt-4.1-2025-04-14", "2025-04-14"),
  record("gpt-3.5-turbo-0613", "2023-06-13", { status: "deprecated", retirementDate: "2024-09-13" }),
  record("mistral-large-2407", null, { provider: "mistral" }),
  record("mistral-large-2411", "2024-11-18", { provider: "mistral" }),
  record("mistral-large-2512", null, { provider: "mistral" }),
  record("gemini-2.5-flash", "2025-06-17", { provider: "google" }),
  record("gemini-3.5-flash", null, { provider: "google" }),
]);

const options = (over: Partial<NewsOptions> = {}): NewsOptions => ({
  now: new Date("2026-11-24T00:00:00Z"),
  minAgeDays: 3,
  firstSeen: () => "2026-01-02",
  ...over,
});

const decision = (id: number, baseModel: string, decidedOn: string, extra: Partial<WatchedDecision> = {}): WatchedDecision => ({
  id,
  baseModel,
  candidateModel: null,
  decidedOn,
  watchSeq: 0,
  ...extra,
});

/** Numbers news the way the store does: in the order found, each item once. */
function numbered(entries: NewsEntry[]) {
  const seqs = new Map<string, number>();
  const key = (i: NewsItem) => `${i.modelId}|${i.itemKey}`;
  for (const e of entries) if (!seqs.has(key(e))) seqs.set(key(e), seqs.size + 1);
  return { news: byModel(entries, (i) => seqs.get(key(i))!), toSeq: seqs.size };
}

function plan(decisions: WatchedDecision[], over: Partial<NewsOptions> = {}): PlannedNotices[] {
  const models = [...new Set(decisions.flatMap((d) => [d.baseModel, ...(d.candidateModel ? [d.candidateModel] : [])]))];
  const { news, toSeq } = numbered(findNews(models, index, options(over)));
  return planNotices(decisions, news, toSeq);
}

/** `decision:model:what` per notice. */
const told = (plans: PlannedNotices[]) =>
  plans.flatMap((p) =>
    p.notices.map(
      (n) =>
        `${p.decision.id}:${n.modelId}:${n.content.kind === "lifecycle" ? n.content.lifecycle.status : n.content.versions.map((v) => v.id).join(",")}`,
    ),
  );

describe("planNotices", () => {
  it("tells each of a decision's models, in one notice each, only of versions out on or after its day", () => {
    const d = decision(1, "gpt-4o-2024-05-13", "2024-09-01", { candidateModel: "mistral-large-2407" });
    expect(told(plan([d]))).toEqual([
      "1:gpt-4o-2024-05-13:gpt-4o-2024-11-20",
      "1:mistral-large-2407:mistral-large-2411,mistral-large-2512",
    ]);
  });

  it("never tells a decision of a version released before its day (no old news)", () => {
    expect(told(plan([decision(1, "gpt-4o-2024-08-06", "2026-11-24")]))).toEqual([]);
    expect(told(plan([decision(2, "gpt-4o-2024-05-13", "2024-11-20")]))).toEqual(["2:gpt-4o-2024-05-13:gpt-4o-2024-11-20"]);
  });

  it("dates a version without a release date by when the watch first saw it, and one known to the month by its month", () => {
    const seen = (day: string) => ({
      firstSeen: (id: string) => (id === "mistral-large-2512" || id === "gemini-3.5-flash" ? day : undefined),
    });
    expect(told(plan([decision(1, "gemini-2.5-flash", "2026-02-01")], seen("2026-01-02")))).toEqual([]);
    expect(told(plan([decision(1, "gemini-2.5-flash", "2026-02-01")], seen("2026-02-03")))).toEqual([
      "1:gemini-2.5-flash:gemini-3.5-flash",
    ]);
    // mistral-large-2512 is December 2025 by its id: news for a decision of 2025-12-10, not for one of January.
    expect(told(plan([decision(1, "mistral-large-2411", "2025-12-10")]))).toEqual(["1:mistral-large-2411:mistral-large-2512"]);
    expect(told(plan([decision(1, "mistral-large-2411", "2026-01-05")]))).toEqual([]);
  });

  it("tells nothing again once the decision's mark has passed it, and only what was found after", () => {
    const d = decision(1, "gpt-4o-2024-05-13", "2024-09-01");
    const first = plan([d]);
    expect(told(first)).toEqual(["1:gpt-4o-2024-05-13:gpt-4o-2024-11-20"]);
    expect(plan([{ ...d, watchSeq: first[0]!.toSeq }])).toEqual([]);
  });

  it("skips a decision with nothing new without looking at its models", () => {
    const { news, toSeq } = numbered(findNews(["gpt-4o-2024-05-13"], index, options()));
    // A mark at the newest number: not even a model lookup (the model is unknown to this news).
    expect(planNotices([decision(1, "unknown-model", "2024-01-01", { watchSeq: toSeq })], news, toSeq)).toEqual([]);
  });

  it("waits until a version is MODEL_MIN_AGE_DAYS old", () => {
    const d = decision(1, "gpt-4o-2024-05-13", "2024-09-01");
    expect(told(plan([d], { now: new Date("2024-11-21T00:00:00Z") }))).toEqual([]);
    expect(told(plan([d], { now: new Date("2024-11-20T00:00:00Z"), minAgeDays: 0 }))).toEqual(["1:gpt-4o-2024-05-13:gpt-4o-2024-11-20"]);
  });

  it("warns of a deprecated model whatever the decision's day, with the day the watch found it", () => {
    const plans = plan([decision(3, "gpt-3.5-turbo-0613", "2026-11-24")]);
    expect(told(plans)).toEqual(["3:gpt-3.5-turbo-0613:deprecated"]);
    const notice = plans[0]!.notices[0]!;
    expect(notice.content).toMatchObject({ kind: "lifecycle", lifecycle: { retirementDate: "2024-09-13", seenOn: "2026-11-24" } });
  });

  it("plans nothing for models the catalogs do not know", () => {
    expect(plan([decision(1, "my-internal-model-v1", "2020-01-01")])).toEqual([]);
  });

  it("follows the lineage policy it is given", () => {
    const d = decision(1, "gpt-4o-2024-11-20", "2025-01-01");
    expect(told(plan([d]))).toEqual([]);
    expect(told(plan([d], { policy: LINEAGE_POLICIES["product-line"] }))).toEqual(["1:gpt-4o-2024-11-20:gpt-4.1-2025-04-14"]);
  });

  it("recognises a version a decision was told before under another spelling (a router's id)", () => {
    const [planned] = plan([decision(1, "gpt-4o-2024-05-13", "2024-09-01")]);
    const earlier = [
      {
        modelId: "gpt-4o-2024-05-13",
        content: {
          kind: "newer-version" as const,
          versions: [{ id: "openai/gpt-4o-2024-11-20", releaseDate: null, source: "openrouter" }],
        },
      },
    ];
    expect(withoutTold(planned!.notices[0]!, toldKeys(earlier, "gpt-4o-2024-05-13", index), index)).toBeNull();
    // Told about the other model only: still news for this one.
    expect(withoutTold(planned!.notices[0]!, toldKeys(earlier, "another-model", index), index)).toEqual(planned!.notices[0]);
  });
});
