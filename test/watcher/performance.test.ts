import { describe, expect, it } from "vitest";
import { lineageCatalog, readLineageSample } from "../../scripts/lineage-score.js";
import { buildCatalogIndex } from "../../src/watcher/catalog-index.js";
import { findLifecycle, findNewerVersions } from "../../src/watcher/compare.js";
import { catalogRecord } from "../../src/watcher/model-record.js";

describe("one watcher pass", () => {
  it("compares 100,000 decisions over 2,000 base models in under 2 s of CPU", () => {
    const real = lineageCatalog(readLineageSample());
    const synthetic = Array.from({ length: 20_000 }, (_, i) =>
      catalogRecord({
        id: `org${i % 300}/Model${i % 7}-${1 + (i % 5)}.${i % 3}-${[1, 3, 8, 14, 70][i % 5]}B-Instruct-v0.${i}`,
        provider: "hf",
        source: "synthetic",
        date: `202${i % 6}-0${1 + (i % 9)}-1${i % 10}`,
        dateSource: "huggingface createdAt",
      }),
    );
    const catalogIds = [...new Set([...real, ...synthetic].map((r) => r.id))];
    const distinct = Array.from({ length: 2_000 }, (_, i) => catalogIds[(i * 7919) % catalogIds.length]!);
    const decisions = Array.from({ length: 100_000 }, (_, i) => distinct[i % distinct.length]!);

    const before = process.cpuUsage();
    const index = buildCatalogIndex([...real, ...synthetic]);
    const answers = new Map<string, number>();
    for (const model of new Set(decisions)) {
      answers.set(model, findNewerVersions(model, index).length + (findLifecycle(model, index) ? 1 : 0));
    }
    const used = process.cpuUsage(before);
    const cpuMs = (used.user + used.system) / 1000;

    expect(answers.size).toBe(2_000);
    expect(cpuMs).toBeLessThan(2_000);
  });
});
