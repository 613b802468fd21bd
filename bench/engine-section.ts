// Verdicts per second of decide() on the main thread, over deterministic varied answers.
import { performance } from "node:perf_hooks";
import type { Answers } from "../src/engine/answers.js";
import { decide } from "../src/engine/decide.js";
import { WARNING_CODES } from "../src/engine/verdict.js";
import { generateAnswers } from "./answers-generator.js";
import { coreCount, startCpuAccounting } from "./machine-load.js";
import type { Section, SectionReport } from "./section.js";
import { median } from "./stats.js";
import { atLeast, formatNumber } from "./targets.js";

const TARGET_PER_SEC = 100_000;
const WARM_UP_VERDICTS = 20_000;

/** One pass over every answer; returns a checksum so the work cannot be optimised away. */
function pass(answers: readonly Answers[]): number {
  let sink = 0;
  for (const a of answers) {
    const v = decide(a);
    sink += v.warnings.length + v.headline.length;
  }
  return sink;
}

export const engineSection: Section = {
  name: "engine",
  title: "Decision engine: decide() throughput",
  async run(ctx): Promise<SectionReport> {
    const count = ctx.quick ? 1000 : 4000;
    const rounds = ctx.quick ? 3 : 9;
    const passesPerRound = ctx.quick ? 1 : 3;
    const answers = generateAnswers(count);

    const mix = new Map<string, number>();
    const codes = new Set<string>();
    for (const a of answers) {
      const verdict = decide(a);
      mix.set(verdict.fineTune, (mix.get(verdict.fineTune) ?? 0) + 1);
      for (const w of verdict.warnings) codes.add(w.code);
    }
    ctx.progress(`engine: ${count} answers validated; warm-up`);
    let sink = 0;
    // At least WARM_UP_VERDICTS calls, so V8 has optimised decide() however few answers --quick uses.
    for (let done = 0; done < WARM_UP_VERDICTS; done += count) sink += pass(answers);

    const cpu = startCpuAccounting([]);
    const rates: number[] = [];
    for (let r = 0; r < rounds; r += 1) {
      const start = performance.now();
      for (let p = 0; p < passesPerRound; p += 1) sink += pass(answers);
      const seconds = (performance.now() - start) / 1000;
      rates.push((count * passesPerRound) / seconds);
    }
    const shares = cpu();
    ctx.progress(`engine: ${rounds} rounds done (checksum ${sink})`);
    const others = shares?.rows.find(([who]) => who.startsWith("other"))?.[1];

    const med = median(rates);
    const best = Math.max(...rates);
    const worst = Math.min(...rates);
    const share = (k: string) => `${formatNumber(((mix.get(k) ?? 0) / count) * 100)}%`;
    return {
      tables: [
        {
          title: "decide() on the main thread",
          columns: [
            "answers",
            "rounds × verdicts",
            "median verdicts/s",
            "best verdicts/s",
            "worst verdicts/s",
            "median µs/verdict",
            "verdict mix yes / not-yet / no",
            "warning codes hit",
            "other processes' CPU while timing",
          ],
          rows: [
            [
              formatNumber(count),
              `${rounds} × ${formatNumber(count * passesPerRound)}`,
              formatNumber(med),
              formatNumber(best),
              formatNumber(worst),
              formatNumber(1e6 / med),
              `${share("yes")} / ${share("not-yet")} / ${share("no")}`,
              `${codes.size} of ${WARNING_CODES.length}`,
              others === undefined ? "n/a" : `${formatNumber(others * 100)}% of ${coreCount()} cores`,
            ],
          ],
        },
      ],
      targets: [atLeast("engine ≥ 100,000 verdicts/s (median round)", med, TARGET_PER_SEC, "verdicts/s")],
      notes: [
        `Answers come from a seeded PRNG (bench/answers-generator.ts) and each passed parseAnswers before timing; warm-up passes run first.`,
      ],
    };
  },
};
