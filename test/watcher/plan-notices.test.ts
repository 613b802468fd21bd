import { describe, expect, it } from "vitest";
import type { ModelNotice, WatchedDecision } from "../../src/store/model-notices.js";
import { buildCatalogIndex } from "../../src/watcher/catalog-index.js";
import { LINEAGE_POLICIES } from "../../src/watcher/lineage-policy.js";
import { type CatalogRow, catalogRecord, DATE_SOURCES, type ModelRecord } from "../../src/watcher/model-record.js";
import { planNotices } from "../../src/watcher/plan-notices.js";

const record = (id: string, date: string | null, extra: Partial<CatalogRow> = {}): ModelRecord =>
  catalogRecord({ id, provider: "openai", date, dateSource: DATE_SOURCES[0], source: "test", ...extra });

const index = buildCatalogIndex([
  record("gpt-4o-2024-05-13", "2024-05-13"),
  record("gpt-4o-2024-08-06", "2024-08-06"),
  record("gpt-4o-2024-11-20", "2024-11-20"),
  record("gpt-4o-mini-2024-07-18", "2024-07-18"),
  record("gpt-3.5-turbo-0613", "2023-06-13", { status: "deprecated", retirementDate: "2024-09-13" }),
]);

const decision = (id: number, baseModel: string): WatchedDecision => ({
  id,
  baseModel,
  channelId: "C1",
  threadTs: `${id}.0`,
  requesterId: "U1",
});
const notice = (decisionId: number, modelId: string, state: ModelNotice["state"], snoozedUntil: string | null = null): ModelNotice => ({
  decisionId,
  modelId,
  kind: "newer-version",
  state,
  releaseDate: null,
  snoozedUntil,
  messageTs: "1.1",
});
const options = { now: new Date("2026-11-24T00:00:00Z"), minAgeDays: 3 };
const ids = (plan: ReturnType<typeof planNotices>) =>
  plan.map((p) =>
    p.kind === "newer-version" ? `${p.decision.id}:${p.versions.map((v) => v.id).join(",")}` : `${p.decision.id}:${p.kind}`,
  );

describe("planNotices", () => {
  it("plans one notice per decision with every newer version, oldest first", () => {
    const plan = planNotices([decision(1, "gpt-4o-2024-05-13"), decision(2, "gpt-4o-2024-11-20")], new Map(), index, options);
    expect(ids(plan)).toEqual(["1:gpt-4o-2024-08-06,gpt-4o-2024-11-20"]);
  });

  it.each([
    ["announced", null, ["1:gpt-4o-2024-11-20"]],
    ["ignored", null, ["1:gpt-4o-2024-11-20"]],
    ["re-evaluated", null, ["1:gpt-4o-2024-11-20"]],
    ["snoozed", "2026-12-01T00:00:00.000Z", ["1:gpt-4o-2024-11-20"]],
    ["snoozed", "2026-11-01T00:00:00.000Z", ["1:gpt-4o-2024-08-06,gpt-4o-2024-11-20"]],
  ] as const)("a %s notice (until %s) keeps only its version quiet", (state, until, expected) => {
    const notices = new Map([[1, [notice(1, "gpt-4o-2024-08-06", state, until)]]]);
    expect(ids(planNotices([decision(1, "gpt-4o-2024-05-13")], notices, index, options))).toEqual(expected);
  });

  it("recognises a told version under another name (a router's id for the same model)", () => {
    const notices = new Map([
      [1, [notice(1, "openai/gpt-4o-2024-08-06", "announced"), notice(1, "openai/gpt-4o-2024-11-20", "announced")]],
    ]);
    expect(planNotices([decision(1, "gpt-4o-2024-05-13")], notices, index, options)).toEqual([]);
  });

  it("waits until a version is MODEL_MIN_AGE_DAYS old", () => {
    const early = { now: new Date("2024-11-22T00:00:00Z"), minAgeDays: 3 };
    expect(ids(planNotices([decision(1, "gpt-4o-2024-05-13")], new Map(), index, early))).toEqual(["1:gpt-4o-2024-08-06"]);
    const zero = { now: new Date("2024-11-20T00:00:00Z"), minAgeDays: 0 };
    expect(ids(planNotices([decision(1, "gpt-4o-2024-05-13")], new Map(), index, zero))).toEqual(["1:gpt-4o-2024-08-06,gpt-4o-2024-11-20"]);
  });

  it("warns once about a deprecated base model", () => {
    const d = decision(3, "gpt-3.5-turbo-0613");
    const plan = planNotices([d], new Map(), index, options);
    expect(plan.filter((p) => p.kind === "lifecycle")).toHaveLength(1);
    const told = new Map([[3, [{ ...notice(3, "gpt-3.5-turbo-0613", "announced"), kind: "lifecycle" as const }]]]);
    expect(planNotices([d], told, index, options).filter((p) => p.kind === "lifecycle")).toEqual([]);
  });

  it("plans nothing for models the catalogs do not know", () => {
    expect(planNotices([decision(1, "my-internal-model-v1")], new Map(), index, options)).toEqual([]);
  });

  it("follows the lineage policy it is given", () => {
    const lines = buildCatalogIndex([record("gpt-4o-2024-11-20", "2024-11-20"), record("gpt-4.1-2025-04-14", "2025-04-14")]);
    const d = [decision(1, "gpt-4o-2024-11-20")];
    expect(ids(planNotices(d, new Map(), lines, options))).toEqual([]);
    const productLine = { ...options, policy: LINEAGE_POLICIES["product-line"] };
    expect(ids(planNotices(d, new Map(), lines, productLine))).toEqual(["1:gpt-4.1-2025-04-14"]);
  });
});
