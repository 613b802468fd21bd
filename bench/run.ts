// `npm run bench [-- --quick] [-- --only engine,http]`
//
// Measures, in one run so that ratios hold on a noisy machine:
//   engine  verdicts/s of decide() on the main thread over seeded, validated answers (median and best round);
//   watcher one base-model watch pass over 100,000 stored decisions on 2,000 base models (a real SQLite file):
//           CPU beyond the fetches, and memory;
//   http    the real app as production runs it (dist/main.js, built first) and a bare Bolt app (bench/bare-app.ts),
//           each its own process, driven with signed slash commands at 10/50/200 in flight against the Slack
//           emulator running in this process; our app also with view submissions and reactions; who used the CPU
//           meanwhile; our app's RSS after start and at the end of the load.
//   flood   both apps answering slash commands while 32 connections send large bodies to /slack/events (unsigned
//           3.9 MB, and the same with forged signature headers).
//   postgres our app on SQLite and on PostgreSQL (a throwaway local server) side by side: submissions and reactions at
//           10/50/200 in flight (skipped, with a note, where PostgreSQL is not installed).
// Reading it: latencies are ms from handing the request to fetch, p50/p95/p99/max over every request of that row.
// The ours / bare ratio matters more than absolute numbers, which depend on the machine and on whatever else ran
// (machine, load average and the CPU table say how busy it was). Targets are reported as met or missed by how
// much; nothing here fails a build. --quick shrinks every count to smoke-test the bench; its numbers mean little.
// The same text is printed and written to bench/RESULTS.md (bench/RESULTS.partial.md for --quick or --only runs,
// which git ignores). Each section is a module exporting a `Section`
// (bench/section.ts); add one by listing it in SECTIONS.
import { writeFileSync } from "node:fs";
import { engineSection } from "./engine-section.js";
import { floodSection } from "./flood-section.js";
import { httpSection } from "./http-section.js";
import { postgresSection } from "./postgres-section.js";
import { describeMachine, renderMachine, renderSection, renderTargets } from "./report.js";
import type { BenchContext, Section, TargetResult } from "./section.js";
import { watcherSection } from "./watcher-section.js";

/** Run in this order; add later sections here. */
const SECTIONS: Section[] = [engineSection, watcherSection, httpSection, floodSection, postgresSection];

interface Options {
  quick: boolean;
  only: Section[];
}

function parseOptions(argv: string[]): Options {
  let quick = false;
  let only = SECTIONS;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === "--quick") quick = true;
    else if (arg === "--only" || arg.startsWith("--only=")) {
      if (arg === "--only") i += 1;
      const value = arg === "--only" ? argv[i] : arg.slice("--only=".length);
      const names = (value ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
      const unknown = names.filter((n) => !SECTIONS.some((s) => s.name === n));
      if (names.length === 0 || unknown.length > 0) {
        usage(`--only needs section names; unknown: ${unknown.join(", ") || "(none given)"}`);
      }
      only = SECTIONS.filter((s) => names.includes(s.name));
    } else if (arg === "--help" || arg === "-h") usage();
    else usage(`unknown argument ${arg}`);
  }
  return { quick, only };
}

function usage(problem?: string): never {
  if (problem) console.error(problem);
  console.error(`usage: npm run bench -- [--quick] [--only ${SECTIONS.map((s) => s.name).join(",")}]`);
  process.exit(problem ? 2 : 0);
}

const args = process.argv.slice(2);
const options = parseOptions(args);
const ctx: BenchContext = { quick: options.quick, progress: (line) => console.error(`  … ${line}`) };
const started = performance.now();
const parts = [
  `# should-we-finetune benchmark${options.quick ? " (--quick: smoke test, small counts)" : ""}`,
  renderMachine(describeMachine(), args.join(" ")),
];
console.log(parts.join("\n\n"));
const allTargets: TargetResult[] = [];
let failed = false;

for (const section of options.only) {
  console.error(`${section.title}…`);
  try {
    const report = await section.run(ctx);
    allTargets.push(...report.targets);
    parts.push(renderSection(section.title, report));
  } catch (error) {
    failed = true;
    parts.push(`## ${section.title}\n\nThe section failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
  console.log(`\n${parts.at(-1)}`);
}

const seconds = ((performance.now() - started) / 1000).toFixed(0);
const met = allTargets.filter((t) => t.met).length;
parts.push(`## Summary\n\n${met} of ${allTargets.length} targets met; whole run ${seconds} s.\n\n${renderTargets(allTargets)}`);
console.log(`\n${parts.at(-1)}`);
// Only a complete run replaces RESULTS.md; a smoke test or a filtered run must not overwrite the recorded results.
const name = options.quick || options.only.length < SECTIONS.length ? "RESULTS.partial.md" : "RESULTS.md";
writeFileSync(new URL(name, import.meta.url), `${parts.join("\n\n")}\n`);
console.error(`\nwritten to bench/${name}`);
process.exitCode = failed ? 1 : 0;
