import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CASE_SET_FILE, lineageCatalog, readLineageSample, scoreCase, scoreLineages } from "../../scripts/lineage-score.js";
import { buildCatalogIndex, lookupModel } from "../../src/watcher/catalog-index.js";
import { findNewerVersions } from "../../src/watcher/compare.js";
import { parseModelId } from "../../src/watcher/parse-model-id.js";
import { compareDates } from "../../src/watcher/release-date.js";

const sample = readLineageSample();
const index = buildCatalogIndex(lineageCatalog(sample));

describe("lineage sample", () => {
  it("has all 20 cases", () => {
    expect(sample.cases).toHaveLength(20);
  });

  it.each(sample.cases.map((c) => [c.recorded, c] as const))("%s", (_recorded, c) => {
    const score = scoreCase(c, index);
    expect(score.found, "newer versions, oldest first").toEqual(c.newer);
    for (const trap of c.not_newer) expect(score.matched, `${trap} is not newer`).not.toContain(trap);
    expect(score.wrong, "reported ids that are neither newer nor policy-dependent").toEqual([]);
  });

  it("scores 1.0 precision and recall", () => {
    const score = scoreLineages(sample, index);
    expect(score.precision).toBe(1);
    expect(score.recall).toBe(1);
  });
});

describe("our case set", () => {
  const cases = readLineageSample(undefined, CASE_SET_FILE);
  const caseIndex = buildCatalogIndex(lineageCatalog(cases));

  it("has at least 60 real lineages, covering every class of the issue", () => {
    expect(cases.cases.length).toBeGreaterThanOrEqual(60);
    expect(new Set(cases.cases.map((c) => c.class))).toEqual(
      new Set([
        "openai-point-release",
        "provider-syntax",
        "latest-alias",
        "preview-to-stable",
        "undated-preview",
        "month-day",
        "variant-words",
        "one-line-per-model",
      ]),
    );
  });

  it("reaches at least 0.97 precision and 0.97 recall", () => {
    const score = scoreLineages(cases, caseIndex);
    expect(score.precision).toBeGreaterThanOrEqual(0.97);
    expect(score.recall).toBeGreaterThanOrEqual(0.97);
  });

  it("never reports a trap", () => {
    const traps = cases.cases.flatMap((c) => {
      const matched = scoreCase(c, caseIndex).matched;
      return c.not_newer.filter((id) => matched.includes(id)).map((id) => `${c.recorded}: ${id}`);
    });
    expect(traps).toEqual([]);
  });
});

describe.each([
  ["the sample's catalog", () => lineageCatalog(sample)],
  ["our case set's catalog", () => lineageCatalog(readLineageSample(undefined, CASE_SET_FILE))],
])("every model of %s as the recorded one", (_name, records) => {
  it("is never reported itself, never gets an older model, and gets them oldest first", () => {
    const catalog = records();
    const index = buildCatalogIndex(catalog);
    const problems: string[] = [];
    for (const id of new Set(catalog.map((r) => r.id))) {
      const own = lookupModel(index, id).entry;
      const newer = findNewerVersions(id, index);
      for (const version of newer) {
        if (lookupModel(index, version.id).entry === own) problems.push(`${id} reports itself as ${version.id}`);
        if (own?.releaseDate && version.releaseDate && compareDates(version.releaseDate, own.releaseDate) <= 0) {
          problems.push(`${id} (${own.releaseDate}) reports older ${version.id} (${version.releaseDate})`);
        }
      }
      const dates = newer.map((v) => v.releaseDate).filter((d): d is string => d !== null);
      if (dates.some((d, i) => i > 0 && compareDates(dates[i - 1]!, d) > 0)) problems.push(`${id}: not oldest first`);
    }
    expect(problems).toEqual([]);
  });
});

describe("parseModelId on arbitrary text", () => {
  it("never throws and keeps the id", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (id) => {
        expect(parseModelId(id).id).toBe(id);
      }),
    );
  });
});
