// One model watch pass over a real SQLite file of 100,000 stored decisions on 2,000 distinct models (a third of the
// decisions name a model to fine-tune besides the base model; decision days spread over four years): CPU beyond the
// fetches (the catalog is handed over in memory, as if already downloaded), and what the database holds afterwards.
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import { decide } from "../src/engine/decide.js";
import { openDb } from "../src/store/open-db.js";
import type { SqlClient } from "../src/store/sql-client.js";
import type { CatalogSource } from "../src/watcher/catalog-source.js";
import { checkModels } from "../src/watcher/check-models.js";
import { catalogRecord, type ModelRecord } from "../src/watcher/model-record.js";
import { loadBundledCatalog } from "../src/watcher/sources/bundled.js";
import { parseOpenRouter } from "../src/watcher/sources/openrouter.js";
import { generateAnswers } from "./answers-generator.js";
import type { Section, SectionReport } from "./section.js";
import { atMost, formatNumber } from "./targets.js";

/** A pass that finds nothing new (issue 12). */
const TARGET_QUIET_CPU_MS = 1000;
const DAY_MS = 86_400_000;
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

/** The day of decision `i`: spread over 2023-01-01 to 2026-11-23. */
const decidedOn = (i: number) => new Date(Date.UTC(2023, 0, 1) + ((i * 7) % 1423) * DAY_MS).toISOString().slice(0, 10);

/** Fills the database (created and migrated by the app's openDb) with `count` posted decisions, in one transaction. */
async function seed(dbPath: string, count: number, models: readonly string[]): Promise<void> {
  await (await openDb(dbPath)).close();
  const db = new Database(dbPath);
  const templates = generateAnswers(50).map((answers) => ({ answers, verdict: decide(answers) }));
  const insert = db.prepare(
    `insert into decisions (team_id, channel_id, requester_id, title, base_model, candidate_model, decided_on, answers, verdict,
       engine_version, fine_tune, status, message_ts, thread_ts, reply_ts, submission_key)
     values ('T1', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'approved', ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const t = templates[i % templates.length]!;
      const baseModel = models[i % models.length]!;
      const candidateModel = i % 3 === 0 ? models[(i * 31 + 7) % models.length]! : null;
      const ts = `${1_700_000_000 + i}.000100`;
      insert.run(
        `C${i % 500}`,
        `U${i % 2000}`,
        `Decision ${i}`,
        baseModel,
        candidateModel,
        decidedOn(i),
        JSON.stringify({ ...t.answers, baseModel, ...(candidateModel ? { candidateModel } : {}) }),
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

interface Stored {
  bytes: number;
  rows: Record<"decisions" | "watch_notices" | "model_news" | "catalog_first_seen" | "jobs", number>;
}

/** The database file's size (after a checkpoint, so the WAL is in it) and its row counts. */
async function stored(db: SqlClient, dbPath: string): Promise<Stored> {
  await db.all(sql`pragma wal_checkpoint(truncate)`);
  const tables = ["decisions", "watch_notices", "model_news", "catalog_first_seen", "jobs"] as const;
  const rows = {} as Stored["rows"];
  for (const table of tables) {
    const [counted] = await db.all<{ n: number }>(sql.raw(`select count(*) as n from ${table}`));
    rows[table] = counted?.n ?? 0;
  }
  return { bytes: statSync(dbPath).size, rows };
}

export const watcherSection: Section = {
  name: "watcher",
  title: "Model watch: one pass over stored decisions",
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
      const storedBefore = await stored(db, dbPath);
      const rssBefore = process.memoryUsage().rss;
      const cpuMs = (since: NodeJS.CpuUsage) => {
        const used = process.cpuUsage(since);
        return (used.user + used.system) / 1000;
      };
      ctx.progress("watcher: planning pass (dry run)");
      const plan0 = process.cpuUsage();
      const wall0 = performance.now();
      const plan = await checkModels(deps, { dryRun: true });
      const wall = performance.now() - wall0;
      const planCpu = cpuMs(plan0);
      const rssAfter = process.memoryUsage().rss;
      ctx.progress("watcher: queueing pass (notices recorded and queued for the worker), then two quiet passes");
      const post0 = process.cpuUsage();
      const posted = await checkModels(deps);
      const postCpu = cpuMs(post0);
      const storedAfterFirst = await stored(db, dbPath);
      const quiet0 = process.cpuUsage();
      const second = await checkModels(deps);
      const quietCpu = cpuMs(quiet0);
      const quiet1 = process.cpuUsage();
      const third = await checkModels(deps);
      const quietCpu2 = cpuMs(quiet1);
      const storedAfter = await stored(db, dbPath);
      await db.close();
      const noticesOf = (report: typeof posted) => report.queued.reduce((n, q) => n + q.jobKeys.length, 0) + report.retold.length;
      const notices = noticesOf(posted);
      const plannedNotices = plan.planned.reduce((n, p) => n + p.notices.length, 0);
      const row = (pass: string, n: number, cpu: number, wallMs: string) => [
        formatNumber(count),
        formatNumber(plan.distinctModels),
        formatNumber(records.length),
        pass,
        formatNumber(n),
        (cpu / 1000).toFixed(2),
        wallMs,
      ];
      const storage = (label: string, s: Stored) => [
        label,
        formatNumber(mb(s.bytes)),
        formatNumber(s.rows.decisions),
        formatNumber(s.rows.watch_notices),
        formatNumber(s.rows.model_news),
        formatNumber(s.rows.catalog_first_seen),
        formatNumber(s.rows.jobs),
      ];
      return {
        tables: [
          {
            title: "checkModels() on a real SQLite file",
            columns: ["decisions", "distinct models", "catalog records", "pass", "notices", "CPU s", "wall ms"],
            rows: [
              row("plan only (dry run)", plannedNotices, planCpu, formatNumber(wall)),
              row("plan + record and queue notices", notices, postCpu, "–"),
              row("next pass (nothing new)", noticesOf(second), quietCpu, "–"),
              row("and the one after", noticesOf(third), quietCpu2, "–"),
            ],
          },
          {
            title: "What the database holds",
            columns: ["after", "file MB", "decisions", "notice rows", "model news rows", "first-seen rows", "job rows"],
            rows: [
              storage("seeding (no pass yet)", storedBefore),
              storage("the first pass", storedAfterFirst),
              storage("two quiet passes more", storedAfter),
            ],
          },
          {
            title: "Memory of the bench process",
            columns: ["RSS before pass MB", "RSS after pass MB"],
            rows: [[formatNumber(mb(rssBefore)), formatNumber(mb(rssAfter))]],
          },
        ],
        targets: [
          atMost(
            `a pass over ${formatNumber(count)} decisions / ${formatNumber(plan.distinctModels)} models that finds nothing new: CPU beyond the fetches`,
            quietCpu,
            TARGET_QUIET_CPU_MS,
            "ms",
            true,
          ),
          atMost(
            "notice rows per notice told (grows with notices, not decisions × versions)",
            storedAfter.rows.watch_notices / Math.max(1, notices),
            1,
          ),
        ],
        notes: [
          "The catalog is handed to the pass in memory (the fetch is what the target excludes); parsing the recorded OpenRouter body and the bundled models.dev file happens before the timer. Each pass still builds its catalog index, works out every model's news and reads every decision.",
          "The dry run is the process's first pass (cold: every catalog id parsed, code not yet optimised); the later passes run as in the app, which keeps parsed ids between passes.",
          "Most of the file is the decisions themselves (answers and verdict JSON); the notice storage is the difference between the rows above.",
          "Every decision is posted (has a thread), so every one is read; each notice is recorded and queued as a job (nothing is sent: no worker runs here). The job rows are the delivery queue (one per notice), not notice storage.",
          "Decisions are made on days spread over 2023-01-01 to 2026-11-23: a version released before a decision's day is never announced to it (the verdict named it).",
        ],
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
