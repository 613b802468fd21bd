// Precision and recall of findNewerVersions over a file of lineage cases:
//   npx tsx scripts/lineage-score.ts [CASES] [--data DIR] [--policy POLICY]
// CASES defaults to the 20-case sample (lineages-sample.json); test/fixtures/catalogs/lineage-cases.json is our case set.
// DIR (the catalogs) defaults to test/fixtures/catalogs; ../shared/data/models works too. POLICY is a MODEL_WATCH_POLICY value.
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { z } from "zod";
import { buildCatalogIndex, type CatalogIndex, lookupModel } from "../src/watcher/catalog-index.js";
import { findNewerVersions } from "../src/watcher/compare.js";
import { DEFAULT_LINEAGE_POLICY, type LineagePolicy, parseLineagePolicy } from "../src/watcher/lineage-policy.js";
import { catalogRecord, type ModelRecord } from "../src/watcher/model-record.js";
import { parseModelId } from "../src/watcher/parse-model-id.js";
import { parseAnthropic } from "../src/watcher/sources/anthropic.js";
import { BUNDLED_CATALOG_URL } from "../src/watcher/sources/bundled.js";
import { parseModelsDev } from "../src/watcher/sources/models-dev.js";
import { parseOpenAi } from "../src/watcher/sources/openai.js";
import { parseOpenRouter } from "../src/watcher/sources/openrouter.js";

export const DEFAULT_DATA_DIR = fileURLToPath(new URL("../test/fixtures/catalogs/", import.meta.url));
export const SAMPLE_FILE = "lineages-sample.json";
export const CASE_SET_FILE = "lineage-cases.json";

export const LineageCase = z.object({
  recorded: z.string(),
  class: z.string().optional(),
  newer: z.array(z.string()),
  not_newer: z.array(z.string()),
  policy_dependent: z.array(z.object({ id: z.string(), reason: z.string() })).default([]),
  dates: z.record(z.string(), z.string()).default({}),
  evidence: z.record(z.string(), z.array(z.object({ source: z.string(), date: z.string().optional() }))).default({}),
});
export type LineageCase = z.infer<typeof LineageCase>;

/**
 * How the scorer adds a row for a case id that no catalog lists under any spelling. The sample adds the recorded ids
 * too and dates every added row from the case; our case set adds neither (a watch meets recorded ids that no
 * catalog lists, and ids seen only in date-less lists such as LiteLLM's), so such ids are dated by their id alone.
 */
export const AddedRows = z.object({ recorded: z.boolean(), dated: z.boolean() });
export type AddedRows = z.infer<typeof AddedRows>;

export const LineageSample = z.object({
  added_rows: AddedRows.default({ recorded: true, dated: true }),
  cases: z.array(LineageCase),
});
export type LineageSample = z.infer<typeof LineageSample>;

export interface CaseScore {
  recorded: string;
  class: string | undefined;
  reported: string[];
  /** The reported ids as the case names them (a router or renamed id maps to the case's id). */
  matched: string[];
  found: string[];
  missed: string[];
  /** Reported ids that are neither newer nor policy-dependent (catalog ids the case does not name, and second spellings of one model). */
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

export function readLineageSample(dataDir: string = DEFAULT_DATA_DIR, file: string = SAMPLE_FILE): LineageSample {
  return LineageSample.parse(readJson(resolve(dataDir, file)));
}

/**
 * The recorded catalogs (models.dev, OpenRouter, the OpenAI and Anthropic list samples), plus a row for each case id
 * no catalog lists under any id, as the file's `added_rows` says.
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
  const listed = buildCatalogIndex(records);
  const known = new Set<string>();
  const { recorded: addRecorded, dated } = sample.added_rows;
  for (const c of sample.cases) {
    for (const id of addRecorded ? caseIds(c) : candidateIds(c)) {
      const key = parseModelId(id).identityKey;
      if (known.has(key) || lookupModel(listed, id).entry) continue;
      known.add(key);
      const evidence = c.evidence[id]?.find((e) => e.date && e.source !== "date in id")?.date;
      const date = dated ? (c.dates[id] ?? evidence) : null;
      records.push(
        catalogRecord({
          id,
          provider: "lineage-sample",
          source: "lineage-sample",
          date,
          dateSource: c.dates[id] ? "vendor release date" : "models.dev release_date (third-party provider)",
        }),
      );
    }
  }
  return records;
}

export function scoreLineages(sample: LineageSample, catalog: CatalogIndex, policy: LineagePolicy = DEFAULT_LINEAGE_POLICY): LineageScore {
  const cases = sample.cases.map((c) => scoreCase(c, catalog, policy));
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

export function scoreCase(c: LineageCase, catalog: CatalogIndex, policy: LineagePolicy = DEFAULT_LINEAGE_POLICY): CaseScore {
  const reported = findNewerVersions(c.recorded, catalog, { policy }).map((v) => v.id);
  const asCaseId = caseIdMatcher(c, catalog);
  const policyIds = new Set(c.policy_dependent.map((p) => p.id));
  const matched = reported.map((id) => asCaseId(id) ?? id);
  const found: string[] = [];
  const wrong: string[] = [];
  matched.forEach((id, i) => {
    if (c.newer.includes(id) && !found.includes(id)) found.push(id);
    else if (!policyIds.has(id) || matched.indexOf(id) !== i) wrong.push(reported[i]!);
  });
  return {
    recorded: c.recorded,
    class: c.class,
    reported,
    matched,
    found,
    missed: c.newer.filter((id) => !found.includes(id)),
    wrong,
    inOrder: found.every((id, i) => i === 0 || c.newer.indexOf(found[i - 1]!) < c.newer.indexOf(id)),
  };
}

/** Maps a reported id to the case id naming the same model: the same catalog entry, else the same parsed identity. */
function caseIdMatcher(c: LineageCase, catalog: CatalogIndex): (id: string) => string | undefined {
  const model = (id: string): unknown => lookupModel(catalog, id).entry ?? parseModelId(id).identityKey;
  const byModel = new Map<unknown, string>();
  for (const id of caseIds(c)) if (!byModel.has(model(id))) byModel.set(model(id), id);
  return (id) => byModel.get(model(id));
}

function caseIds(c: LineageCase): string[] {
  return [c.recorded, ...candidateIds(c)];
}

function candidateIds(c: LineageCase): string[] {
  return [...c.newer, ...c.not_newer, ...c.policy_dependent.map((p) => p.id)];
}

function sum<T>(items: T[], f: (item: T) => number): number {
  return items.reduce((total, item) => total + f(item), 0);
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, "utf8")) as unknown;
}

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

function main(args: string[]): void {
  const dataDir = option(args, "--data") ?? DEFAULT_DATA_DIR;
  const policyText = option(args, "--policy");
  const policy = policyText ? parseLineagePolicy(policyText) : DEFAULT_LINEAGE_POLICY;
  const file = args.find((a, i) => !a.startsWith("--") && !["--data", "--policy"].includes(args[i - 1] ?? "")) ?? SAMPLE_FILE;
  const sample = LineageSample.parse(readJson(existsSync(file) ? file : resolve(dataDir, file)));
  const index = buildCatalogIndex(lineageCatalog(sample, dataDir));
  const score = scoreLineages(sample, index, policy);
  for (const c of score.cases) {
    const problems = [
      ...c.missed.map((id) => `missed ${id}`),
      ...c.wrong.map((id) => `wrongly reported ${id}`),
      ...(c.inOrder ? [] : ["out of order"]),
    ];
    console.log(`${problems.length === 0 ? "ok  " : "FAIL"} ${c.recorded} -> ${c.reported.join(", ") || "(none)"}`);
    for (const problem of problems) console.log(`       ${problem}`);
  }
  const classes = [...new Set(score.cases.map((c) => c.class).filter((c): c is string => c !== undefined))];
  for (const name of classes) {
    const cases = score.cases.filter((c) => c.class === name);
    const tp = sum(cases, (c) => c.found.length);
    console.log(
      `  ${name}: ${cases.length} cases, found ${tp}/${tp + sum(cases, (c) => c.missed.length)}, wrong ${sum(cases, (c) => c.wrong.length)}`,
    );
  }
  console.log(
    `precision ${score.precision.toFixed(3)} (${score.truePositives}/${score.truePositives + score.falsePositives}), ` +
      `recall ${score.recall.toFixed(3)} (${score.truePositives}/${score.truePositives + score.falseNegatives}) ` +
      `over ${score.cases.length} cases, ${index.size} catalog models`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) main(process.argv.slice(2));
