import { describe, expect, it } from "vitest";
import { buildCatalogIndex } from "../../src/watcher/catalog-index.js";
import { compareVersions, findLifecycle, findNewerVersions, newerVersions } from "../../src/watcher/compare.js";
import { isNewerVersion } from "../../src/watcher/lineage.js";
import { DEFAULT_LINEAGE_POLICY } from "../../src/watcher/lineage-policy.js";
import { catalogRecord, type ModelRecord } from "../../src/watcher/model-record.js";
import { parseModelId } from "../../src/watcher/parse-model-id.js";

function row(id: string, date: string | null, extra: Partial<ModelRecord> = {}): ModelRecord {
  return { ...catalogRecord({ id, provider: "test", source: "test", date, dateSource: "models.dev release_date" }), ...extra };
}

const dated = (id: string, releaseDate: string | null) => ({ parsed: parseModelId(id), releaseDate });
const ids = (records: ModelRecord[], recorded: string, options = {}) => findNewerVersions(recorded, records, options).map((v) => v.id);

describe("isNewerVersion", () => {
  it.each([
    // recorded, its date, candidate, its date, newer
    ["gpt-4o-2024-05-13", "2024-05-13", "gpt-4o-2024-08-06", "2024-08-06", true],
    ["gpt-4o-2024-08-06", "2024-08-06", "gpt-4o-2024-05-13", "2024-05-13", false],
    ["gpt-4o-2024-05-13", "2024-05-13", "gpt-4o", "2024-05-13", false],
    ["gpt-4o", "2024-05-13", "gpt-4o-2024-11-20", "2024-11-20", false],
    ["claude-sonnet-4-0", "2025-05-22", "claude-sonnet-4-20250514", "2025-05-14", false],
    ["claude-sonnet-4-0", "2025-05-22", "claude-sonnet-4-6", "2026-02-17", true],
    ["claude-3-5-haiku-20241022", "2024-10-22", "claude-3-5-haiku-latest", "2024-10-22", false],
    ["gemini-1.5-pro-001", "2024-05-24", "gemini-1.5-pro", "2024-02-15", false],
    ["gemini-1.5-pro-001", null, "gemini-1.5-pro-002", null, true],
    ["gemini-1.5-pro-001", null, "gemini-2.5-pro", null, true],
    ["gemini-2.5-pro", "2025-06-17", "gemini-3-pro-preview", "2025-11-18", false],
    ["gemini-2.5-pro-preview-03-25", "2025-03-25", "gemini-3-pro-preview", "2025-11-18", true],
    ["gpt-4.1-2025-04-14", "2025-04-14", "gpt-4.5-preview-2025-02-27", "2025-02-27", false],
    ["mistral-large-2402", "2024-02", "mistral-large-2512", "2025-12-01", true],
    ["mistral-large-2411", "2024-11-18", "mistral-large-2411", "2024-11", false],
    ["mistral-large-2402", "2024-02", "mistral-large-latest", "2024-11-01", false],
    ["deepseek-chat", "2025-12-01", "deepseek-chat", "2026-02-28", false],
    ["microsoft/Phi-3-mini-4k-instruct", "2024-04-23", "microsoft/Phi-3-mini-128k-instruct", "2024-04-23", false],
    ["microsoft/Phi-3-mini-4k-instruct", "2024-04-23", "microsoft/Phi-3.5-mini-instruct", "2024-08-20", true],
    ["Sao10K/L3.1-70B-Euryale-v2.2", "2024-08-28", "Sao10K/L3.1-70B-Hanami-x1", "2025-01-08", false],
    ["google/gemma-3-27b-it", "2025-03-12", "google/gemma-2-27b-it", "2026-01-01", false],
  ])("%s (%s) ← %s (%s): %s", (r, rDate, c, cDate, expected) => {
    expect(isNewerVersion(dated(r, rDate), dated(c, cDate))).toBe(expected);
  });

  it("reports previews when asked", () => {
    const recorded = dated("gemini-2.5-pro", "2025-06-17");
    const preview = dated("gemini-3-pro-preview", "2025-11-18");
    expect(isNewerVersion(recorded, preview, { ...DEFAULT_LINEAGE_POLICY, previews: true })).toBe(true);
  });
});

describe("findNewerVersions", () => {
  const catalog = [
    row("claude-3-5-haiku-20241022", "2024-10-22"),
    row("claude-haiku-4-5", "2025-10-15"),
    row("claude-haiku-4-5-20251001", "2025-10-15"),
    row("anthropic/claude-haiku-4.5", "2025-10-15"),
    row("claude-haiku-5", "2026-05-01"),
    row("claude-3-5-sonnet-20241022", "2024-10-22"),
  ];

  it("reports a snapshot instead of its alias, once, oldest first", () => {
    expect(ids(catalog, "claude-3-5-haiku-20241022")).toEqual(["claude-haiku-4-5-20251001", "claude-haiku-5"]);
  });

  it("answers the same from an index as from records", () => {
    expect(findNewerVersions("claude-3-5-haiku-20241022", buildCatalogIndex(catalog))).toEqual(
      findNewerVersions("claude-3-5-haiku-20241022", catalog),
    );
  });

  it("gives each newer version its best date and source", () => {
    expect(findNewerVersions("claude-3-5-haiku-20241022", catalog)[0]).toEqual({
      id: "claude-haiku-4-5-20251001",
      releaseDate: "2025-10-01",
      source: "test",
    });
  });

  it("compares an id the catalog does not list by its own date and version", () => {
    expect(ids(catalog, "claude-3-haiku-20240307")).toEqual(["claude-3-5-haiku-20241022", "claude-haiku-4-5-20251001", "claude-haiku-5"]);
    expect(ids(catalog, "claude-3-5-sonnet-latest")).toEqual([]);
    expect(ids(catalog, "unknown-model-7b")).toEqual([]);
  });

  it("writes ids the way the recorded one is written", () => {
    const records = [row("Qwen/Qwen2.5-7B-Instruct", "2024-09-19"), row("qwen2-5-7b-instruct", "2024-09")];
    expect(ids(records, "Qwen/Qwen2-7B-Instruct")).toEqual(["Qwen/Qwen2.5-7B-Instruct"]);
    expect(ids(records, "qwen2-7b-instruct")).toEqual(["qwen2-5-7b-instruct"]);
  });

  it("trusts the date in the id over a wrong catalog date", () => {
    const records = [row("mistral-large-2411", "2024-11-18"), row("mistral-large-2512", "2024-11-01")];
    expect(findNewerVersions("mistral-large-2411", records)).toEqual([
      { id: "mistral-large-2512", releaseDate: "2025-12", source: "test" },
    ]);
  });

  it("reports a router's preview alias only when it was listed weeks after the preview snapshots", () => {
    const records = [
      row("gemini-2.5-pro-preview-05-06", "2025-05-06"),
      row("google/gemini-2.5-pro-preview", "2025-06-05"),
      row("gpt-4o-search-preview-2025-03-11", "2025-03-11"),
      row("openai/gpt-4o-search-preview", "2025-03-12"),
    ];
    expect(ids(records, "gemini-2.5-pro-preview-03-25")).toEqual(["gemini-2.5-pro-preview-05-06", "google/gemini-2.5-pro-preview"]);
    expect(ids(records, "gpt-4o-search-preview-2024-12-01")).toEqual(["gpt-4o-search-preview-2025-03-11"]);
  });

  it("lets a preview be followed by previews, and stable models by stable ones", () => {
    const records = [
      row("gemini-3-pro-preview", "2025-11-18"),
      row("gemini-3.1-pro-preview", "2026-02-19"),
      row("gemini-3.5-pro", "2026-06-01"),
    ];
    expect(ids(records, "gemini-3-pro-preview")).toEqual(["gemini-3.1-pro-preview", "gemini-3.5-pro"]);
    expect(ids(records, "gemini-2.5-pro")).toEqual(["gemini-3.5-pro"]);
    expect(ids(records, "gemini-2.5-pro", { includePreviews: true })).toEqual([
      "gemini-3-pro-preview",
      "gemini-3.1-pro-preview",
      "gemini-3.5-pro",
    ]);
  });
});

describe("newerVersions: what was already out on the day of the decision", () => {
  const index = buildCatalogIndex([
    row("gpt-4o", "2024-05-13"),
    row("gpt-4o-2024-05-13", "2024-05-13"),
    row("gpt-4o-2024-08-06", "2024-08-06"),
    row("gpt-4o-2024-11-20", "2024-11-20"),
    row("mistral-large-2407", null),
    row("mistral-large-2411", "2024-11-18"),
    row("mistral-large-2512", null),
    row("mistral-large-latest", "2024-11-01"),
    row("gemini-2.5-flash", "2025-06-17"),
    row("gemini-3.5-flash", null),
    row("qwen-plus", "2024-01-25"),
    row("qwen-plus-character-ja", "2025-01"),
    row("qwen3.6-plus", "2026-04-02"),
  ]);
  const split = (recorded: string, decidedOn: string, firstSeen?: Record<string, string>) => {
    const { alreadyOut, sinceDecision } = newerVersions(recorded, index, {
      decidedOn,
      ...(firstSeen ? { firstSeen: (id: string) => firstSeen[id] } : {}),
    });
    return { alreadyOut: alreadyOut.map((v) => v.id), sinceDecision: sinceDecision.map((v) => v.id) };
  };

  it("never calls a version released years before the decision news", () => {
    expect(split("gpt-4o-2024-08-06", "2026-11-24")).toEqual({ alreadyOut: ["gpt-4o-2024-11-20"], sinceDecision: [] });
  });

  it("splits at the day of the decision; a version released that day is news", () => {
    expect(split("gpt-4o-2024-05-13", "2024-09-01")).toEqual({ alreadyOut: ["gpt-4o-2024-08-06"], sinceDecision: ["gpt-4o-2024-11-20"] });
    expect(split("gpt-4o-2024-05-13", "2024-11-20")).toEqual({
      alreadyOut: ["gpt-4o-2024-08-06"],
      sinceDecision: ["gpt-4o-2024-11-20"],
    });
  });

  it("counts a version known only to the month as out before the decision only for an earlier month", () => {
    expect(split("mistral-large-2407", "2025-12-10")).toEqual({
      alreadyOut: ["mistral-large-2411"],
      sinceDecision: ["mistral-large-2512"],
    });
    expect(split("mistral-large-2407", "2026-01-05")).toEqual({
      alreadyOut: ["mistral-large-2411", "mistral-large-2512"],
      sinceDecision: [],
    });
  });

  it("dates a version without a release date by when the watch first saw it", () => {
    expect(split("gemini-2.5-flash", "2026-02-01", { "gemini-3.5-flash": "2026-01-02" })).toEqual({
      alreadyOut: ["gemini-3.5-flash"],
      sinceDecision: [],
    });
    expect(split("gemini-2.5-flash", "2026-02-01", { "gemini-3.5-flash": "2026-02-03" })).toEqual({
      alreadyOut: [],
      sinceDecision: ["gemini-3.5-flash"],
    });
    // Never seen before: it is being seen now, after the decision.
    expect(split("gemini-2.5-flash", "2026-02-01")).toEqual({ alreadyOut: [], sinceDecision: ["gemini-3.5-flash"] });
  });

  it("tells a floating alias only of releases after the decision, which it now points at", () => {
    expect(split("mistral-large-latest", "2025-01-10")).toEqual({ alreadyOut: [], sinceDecision: ["mistral-large-2512"] });
    expect(split("mistral-large-latest", "2026-01-10")).toEqual({ alreadyOut: [], sinceDecision: [] });
    expect(split("qwen-plus", "2024-06-01")).toEqual({ alreadyOut: [], sinceDecision: ["qwen3.6-plus"] });
  });
});

describe("findLifecycle", () => {
  const catalog = [
    row("claude-3-5-sonnet-20241022", "2024-10-22", { status: "deprecated", source: "models.dev" }),
    row("google/gemini-2.0-flash-lite-001", "2025-02-25", { status: "deprecated", retirementDate: "2026-06-01", source: "openrouter" }),
    row("gemini-2.0-flash-lite-001", null, { status: "deprecated", retirementDate: "2026-02-25", source: "litellm" }),
    row("gpt-4o-2024-08-06", "2024-08-06"),
  ];

  it.each([
    ["claude-3-5-sonnet-20241022", { status: "deprecated", retirementDate: null, source: "models.dev" }],
    ["gemini-2.0-flash-lite-001", { status: "deprecated", retirementDate: "2026-02-25", source: "litellm" }],
    ["google/gemini-2.0-flash-lite-001", { status: "deprecated", retirementDate: "2026-02-25", source: "litellm" }],
    ["gpt-4o-2024-08-06", null],
    ["not-in-any-catalog", null],
  ])("%s → %j", (id, expected) => {
    expect(findLifecycle(id, catalog)).toEqual(expected);
  });
});

describe("compareVersions", () => {
  it.each([
    [[3, 5], [3], 1],
    [[4], [4, 0], 0],
    [[2, 5], [3], -1],
    [[], [1], null],
  ])("%j vs %j → %s", (a, b, expected) => {
    expect(compareVersions(a, b)).toBe(expected);
  });
});
