// One base-model watch pass over a real SQLite file of 100,000 stored decisions on 2,000 distinct base models:
// CPU beyond the fetches (the catalog is handed over in memory, as if already downloaded), wall time and memory.
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import { decide } from "../src/engine/decide.js";
import { openDb } from "../src/store/open-db.js";
import type { CatalogSource } from "../src/watcher/catalog-source.js";
import { checkModels } from "../src/watcher/check-models.js";
import { catalogRecord, type ModelRecord } from "../src/watcher/model-record.js";
import { loadBundledCatalog } from "../src/watcher/sources/bundled.js";
import { parseOpenRouter } from "../src/watcher/sources/openrouter.js";
import { generateAnswers } from "./answers-generator.js";
import type { Section, SectionReport } from "./section.js";
import { atMost, formatNumber } from "./targets.js";

const TARGET_CPU_MS = 2000;
const mb = (bytes: number) => bytes / 1024 / 1024;

/** Real catalogs (bundled models.dev, the recorded OpenRouter list) plus Hugging Face-style repos to reach scale. */
async function catalog(): Promise<ModelRecord[]> {
  const openRouter = parseOpenRouter(
    JSON.parse(readFileSync(new URL("../test/fixtures/catalogs/openrouter-models-2026-05-15.json", import.meta.url), "utf8")),
    "openrouter",
  );
  const hub = Array.from({ length: 18_000 }, (_, i) =>
    catalogRecord({
      id: `org${i % 300}/Model${i % 7}-${1 + (i % 5)}.${i % 3}-${[1, 3, 8, 14, 70][i % 5]}B-Instruct-v0.${i}`,
      provider: "huggingface",
      source: "huggingface",
      date: `202${i % 6}-0${1 + (i % 9)}-1${i % 10}`,
      dateSource: "huggingface createdAt",
    }),
  );
  return [...(await loadBundledCatalog()), ...openRouter, ...hub];
}

/** Fills the database (created and migrated by the app's openDb) with `count` posted decisions, in one transaction. */
async function seed(dbPath: string, count: number, models: readonly string[]): Promise<void> {
  await (await openDb(dbPath)).close();
  const db = new Database(dbPath);
  const templates = generateAnswers(50).map((answers) => ({ answers, verdict: decide(answers) }));
  const insert = db.prepare(
    `insert into decisions (team_id, channel_id, requester_id, title, base_model, answers, verdict, engine_version,
       fine_tune, status, message_ts, thread_ts, reply_ts, submission_key)
     values ('T1', ?, ?, ?, ?, ?, ?, ?, ?, 'approved', ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const t = templates[i % templates.length]!;
      const baseModel = models[i % models.length]!;
      const ts = `${1_700_000_000 + i}.000100`;
      insert.run(
        `C${i % 500}`,
        `U${i % 2000}`,
        `Decision ${i}`,
        baseModel,
        JSON.stringify({ ...t.answers, baseModel }),
        JSON.stringify(t.verdict),
        t.verdict.engineVersion,
        t.verdict.fineTune,
        ts,
        ts,
        ts,
        `bench:${i}`,
      );
    }
  })();
  db.close();
}

export const watcherSection: Section = {
  name: "watcher",
  title: "Base-model watch: one pass over stored decisions",
  async run(ctx): Promise<SectionReport> {
    const count = ctx.quick ? 10_000 : 100_000;
    const distinct = ctx.quick ? 500 : 2_000;
    const records = await catalog();
    const ids = [...new Set(records.map((r) => r.id))];
    const models = Array.from({ length: distinct }, (_, i) => ids[(i * 7919) % ids.length]!);
    const dir = mkdtempSync(join(tmpdir(), "swf-bench-watch-"));
    const dbPath = join(dir, "watch.db");
    try {
      ctx.progress(`watcher: writing ${count.toLocaleString("en-US")} decisions`);
      await seed(dbPath, count, models);
      const db = await openDb(dbPath);
      const source: CatalogSource = { name: "in-memory", fetchModels: async () => records };
      const deps = {
        db,
        sources: [source],
        fetch: globalThis.fetch,
        timeoutMs: 1000,
        minAgeDays: 3,
        now: () => new Date("2026-11-24T00:00:00Z"),
        log: () => undefined,
      };
      const rssBefore = process.memoryUsage().rss;
      ctx.progress("watcher: planning pass (dry run)");
      const cpu0 = process.cpuUsage();
      const wall0 = performance.now();
      const plan = await checkModels(deps, { dryRun: true });
      const wall = performance.now() - wall0;
      const cpuUsed = process.cpuUsage(cpu0);
      const cpuMs = (cpuUsed.user + cpuUsed.system) / 1000;
      const rssAfter = process.memoryUsage().rss;
      ctx.progress("watcher: queueing pass (notices recorded and queued for the worker) and a quiet second pass");
      const post0 = process.cpuUsage();
      const posted = await checkModels(deps);
      const postCpu = process.cpuUsage(post0);
      const quiet0 = process.cpuUsage();
      const second = await checkModels(deps);
      const quietCpu = process.cpuUsage(quiet0);
      const [counted] = await db.all<{ n: number }>(sql`select count(*) as n from model_notices`);
      const noticeRows = counted?.n ?? 0;
      await db.close();
      const ms = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
      return {
        tables: [
          {
            title: "checkModels() on a real SQLite file",
            columns: ["decisions", "distinct base models", "catalog records", "pass", "notices", "CPU ms", "wall ms"],
            rows: [
              [
                formatNumber(count),
                formatNumber(distinct),
                formatNumber(records.length),
                "plan only (dry run)",
                formatNumber(plan.planned.length),
                formatNumber(cpuMs),
                formatNumber(wall),
              ],
              [
                formatNumber(count),
                formatNumber(distinct),
                formatNumber(records.length),
                "plan + record and queue notices",
                formatNumber(posted.queued.length),
                formatNumber(ms(postCpu)),
                "–",
              ],
              [
                formatNumber(count),
                formatNumber(distinct),
                formatNumber(records.length),
                "next pass (nothing new)",
                formatNumber(second.queued.length),
                formatNumber(ms(quietCpu)),
                "–",
              ],
            ],
          },
          {
            title: "Memory of the bench process",
            columns: ["database file MB", "notice rows after the passes", "RSS before pass MB", "RSS after pass MB"],
            rows: [
              [formatNumber(mb(statSync(dbPath).size)), formatNumber(noticeRows), formatNumber(mb(rssBefore)), formatNumber(mb(rssAfter))],
            ],
          },
        ],
        targets: [
          atMost(
            `one pass over ${formatNumber(count)} decisions / ${formatNumber(distinct)} models: CPU beyond the fetches`,
            cpuMs,
            TARGET_CPU_MS,
            "ms",
            true,
          ),
        ],
        notes: [
          "The catalog is handed to the pass in memory (the fetch is what the target excludes); parsing the recorded OpenRouter body and the bundled models.dev file happens before the timer.",
          "Every decision is posted (has a thread), so every one is read; each notice is recorded and queued as a job (nothing is sent: no worker runs here).",
        ],
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
