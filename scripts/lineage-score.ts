// Precision and recall of findNewerVersions over the lineage sample:
//   npx tsx scripts/lineage-score.ts [--data DIR]   (DIR defaults to test/fixtures/catalogs; ../shared/data/models works too)
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { z } from "zod";
import { buildCatalogIndex, type CatalogIndex } from "../src/watcher/catalog-index.js";
import { findNewerVersions } from "../src/watcher/compare.js";
import { catalogRecord, type ModelRecord } from "../src/watcher/model-record.js";
import { parseModelId } from "../src/watcher/parse-model-id.js";
import { parseAnthropic } from "../src/watcher/sources/anthropic.js";
import { BUNDLED_CATALOG_URL } from "../src/watcher/sources/bundled.js";
import { parseModelsDev } from "../src/watcher/sources/models-dev.js";
import { parseOpenAi } from "../src/watcher/sources/openai.js";
import { parseOpenRouter } from "../src/watcher/sources/openrouter.js";

export const DEFAULT_DATA_DIR = fileURLToPath(new URL("../test/fixtures/catalogs/", import.meta.url));

export const LineageCase = z.object({
  recorded: z.string(),
  newer: z.array(z.string()),
  not_newer: z.array(z.string()),
  policy_dependent: z.array(z.object({ id: z.string(), reason: z.string() })).default([]),
  dates: z.record(z.string(), z.string()).default({}),
  evidence: z.record(z.string(), z.array(z.object({ source: z.string(), date: z.string().optional() }))).default({}),
});
export type LineageCase = z.infer<typeof LineageCase>;

export const LineageSample = z.object({ cases: z.array(LineageCase) });
export type LineageSample = z.infer<typeof LineageSample>;

export interface CaseScore {
  recorded: string;
  reported: string[];
  /** The reported ids as the case names them (a router or renamed id maps to the case's id). */
  matched: string[];
  found: string[];
  missed: string[];
  /** Reported ids that are neither newer nor policy-dependent (including catalog ids the case does not name). */
  wrong: string[];
  inOrder: boolean;
}

export interface LineageScore {
  precision: number;
  recall: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  cases: CaseScore[];
}

export function readLineageSample(dataDir: string = DEFAULT_DATA_DIR): LineageSample {
  return LineageSample.parse(readJson(join(dataDir, "lineages-sample.json")));
}

/**
 * The recorded catalogs (models.dev, OpenRouter, the OpenAI and Anthropic list samples), plus a row for each
 * case model no catalog lists under any id, dated from the case (`dates`, else its first dated evidence).
 */
export function lineageCatalog(sample: LineageSample, dataDir: string = DEFAULT_DATA_DIR): ModelRecord[] {
  const modelsDev = join(dataDir, "models-dev-api.json");
  const samples = readJson(join(dataDir, "provider-api-samples.json")) as {
    openai_v1_models: { response: unknown };
    anthropic_v1_models: { response: unknown };
  };
  const records = [
    ...parseModelsDev(readJson(existsSync(modelsDev) ? modelsDev : fileURLToPath(BUNDLED_CATALOG_URL)), "models.dev"),
    ...parseOpenRouter(readJson(join(dataDir, "openrouter-models-2026-05-15.json")), "openrouter"),
    ...parseOpenAi(samples.openai_v1_models.response, "openai"),
    ...parseAnthropic(samples.anthropic_v1_models.response, "anthropic"),
  ];
  const known = new Set(records.map((r) => parseModelId(r.id).identityKey));
  for (const c of sample.cases) {
    for (const id of caseIds(c)) {
      const key = parseModelId(id).identityKey;
      if (known.has(key)) continue;
      known.add(key);
      const evidence = c.evidence[id]?.find((e) => e.date && e.source !== "date in id")?.date;
      records.push(
        catalogRecord({
          id,
          provider: "lineage-sample",
          source: "lineage-sample",
          date: c.dates[id] ?? evidence,
          dateSource: c.dates[id] ? "vendor release date" : "models.dev release_date (third-party provider)",
        }),
      );
    }
  }
  return records;
}

export function scoreLineages(sample: LineageSample, catalog: CatalogIndex): LineageScore {
  const cases = sample.cases.map((c) => scoreCase(c, catalog));
  const tp = sum(cases, (c) => c.found.length);
  const fp = sum(cases, (c) => c.wrong.length);
  const fn = sum(cases, (c) => c.missed.length);
  return {
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: tp + fn === 0 ? 1 : tp / (tp + fn),
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    cases,
  };
}

export function scoreCase(c: LineageCase, catalog: CatalogIndex): CaseScore {
  const reported = findNewerVersions(c.recorded, catalog).map((v) => v.id);
  const asCaseId = caseIdMatcher(c);
  const policy = new Set(c.policy_dependent.map((p) => p.id));
  const matched = reported.map((id) => asCaseId(id) ?? id);
  const found = matched.filter((id) => c.newer.includes(id));
  return {
    recorded: c.recorded,
    reported,
    matched,
    found,
    missed: c.newer.filter((id) => !found.includes(id)),
    wrong: matched.filter((id) => !c.newer.includes(id) && !policy.has(id)),
    inOrder: found.every((id, i) => i === 0 || c.newer.indexOf(found[i - 1]!) < c.newer.indexOf(id)),
  };
}

/** Maps a reported id to the case id naming the same model (same id, or same identity under another id). */
function caseIdMatcher(c: LineageCase): (id: string) => string | undefined {
  const byKey = new Map<string, string>();
  for (const id of caseIds(c)) {
    byKey.set(id.toLowerCase(), id);
    if (!byKey.has(parseModelId(id).identityKey)) byKey.set(parseModelId(id).identityKey, id);
  }
  return (id) => byKey.get(id.toLowerCase()) ?? byKey.get(parseModelId(id).identityKey);
}

function caseIds(c: LineageCase): string[] {
  return [c.recorded, ...c.newer, ...c.not_newer, ...c.policy_dependent.map((p) => p.id)];
}

function sum<T>(items: T[], f: (item: T) => number): number {
  return items.reduce((total, item) => total + f(item), 0);
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, "utf8")) as unknown;
}

function main(args: string[]): void {
  const at = args.indexOf("--data");
  const dataDir = at >= 0 && args[at + 1] ? args[at + 1]! : DEFAULT_DATA_DIR;
  const sample = readLineageSample(dataDir);
  const index = buildCatalogIndex(lineageCatalog(sample, dataDir));
  const score = scoreLineages(sample, index);
  for (const c of score.cases) {
    const problems = [
      ...c.missed.map((id) => `missed ${id}`),
      ...c.wrong.map((id) => `wrongly reported ${id}`),
      ...(c.inOrder ? [] : ["out of order"]),
    ];
    console.log(`${problems.length === 0 ? "ok  " : "FAIL"} ${c.recorded} -> ${c.reported.join(", ") || "(none)"}`);
    for (const problem of problems) console.log(`       ${problem}`);
  }
  console.log(
    `precision ${score.precision.toFixed(3)} (${score.truePositives}/${score.truePositives + score.falsePositives}), ` +
      `recall ${score.recall.toFixed(3)} (${score.truePositives}/${score.truePositives + score.falseNegatives}) ` +
      `over ${score.cases.length} cases, ${index.size} catalog models`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) main(process.argv.slice(2));
