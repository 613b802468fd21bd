// Turns the HTTP section's measurements into tables, targets and notes.
import type { Memory } from "./app-process.js";
import { type CpuShares, coreCount } from "./machine-load.js";
import { type Run, SLACK_DEADLINE_MS } from "./scenarios.js";
import type { Table, TargetResult } from "./section.js";
import { summarize } from "./stats.js";
import { atMost, formatNumber, notMeasured } from "./targets.js";

export const LEVELS = [10, 50, 200] as const;
export const OURS = "ours";
export const BARE = "bare Bolt";

export interface Measurements {
  commands: Run[];
  submissions: Run[];
  reactions: Run[];
  memory: Record<string, { idle?: Memory; end?: Memory }>;
  /** WARN/ERROR lines each app logged before the measured load (start, warm-up) and during it. */
  problems: Record<string, { before: number; during: string[] }>;
  warmUp: { count: number; errors: string[] };
  /** Our app's log line for its first model-watch pass, if it ran before the load. */
  watchPass: string | undefined;
  watchWaitMs: number;
  /** Who used the machine's CPU during the measured load. */
  cpu: CpuShares | undefined;
}

const ms = (n: number) => (Number.isFinite(n) ? formatNumber(n) : "–");
const quantiles = (samples: number[]) => {
  const s = summarize(samples);
  return [ms(s.p50), ms(s.p95), ms(s.p99), ms(s.max)];
};
const Q = (what: string) => [`${what} p50`, "p95", "p99", "max"];
const perSec = (r: Run) => formatNumber(r.count / (r.wallMs / 1000));
const cpu = (r: Run) => (r.appCpuMsPerRequest === undefined ? "–" : formatNumber(r.appCpuMsPerRequest));
const p99 = (samples: number[]) => summarize(samples).p99;

export function tables(m: Measurements): Table[] {
  const common = (r: Run) => [r.app, String(r.concurrency), String(r.count), perSec(r)];
  const tail = (r: Run) => [String(r.errors.length), cpu(r), `${Math.round(r.benchElu * 100)}%`, ms(r.benchMaxStallMs)];
  const head = ["app", "in flight", "requests", "req/s"];
  const foot = ["errors", "app CPU ms/req", "bench ELU", "bench stall"];
  const ratio = (level: number, pick: (r: Run) => number[]) => {
    const ours = m.commands.find((r) => r.app === OURS && r.concurrency === level);
    const bare = m.commands.find((r) => r.app === BARE && r.concurrency === level);
    return ours && bare ? `${(p99(pick(ours)) / p99(pick(bare))).toFixed(2)}×` : "–";
  };
  const cpuRatio = (level: number) => {
    const ours = m.commands.find((r) => r.app === OURS && r.concurrency === level)?.appCpuMsPerRequest;
    const bare = m.commands.find((r) => r.app === BARE && r.concurrency === level)?.appCpuMsPerRequest;
    return ours !== undefined && bare ? `${(ours / bare).toFixed(2)}×` : "–";
  };
  const memRow = (app: string) => {
    const x = m.memory[app];
    const mb = (v: number | undefined) => (v === undefined ? "n/a" : `${formatNumber(v)} MB`);
    return [app, mb(x?.idle?.rssMb), mb(x?.end?.rssMb), mb(x?.end?.peakMb)];
  };
  return [
    {
      title: "Slash command: ack and command → views.open (ms)",
      columns: [...head, ...Q("ack"), ...Q("views.open"), ...foot],
      rows: m.commands.map((r) => [...common(r), ...quantiles(r.ackMs), ...quantiles(r.effectMs), ...tail(r)]),
    },
    {
      title: "Slash command p99, ours / bare",
      columns: ["in flight", "ack p99 ratio", "views.open p99 ratio", "app CPU per command ratio"],
      rows: LEVELS.map((l) => [String(l), ratio(l, (r) => r.ackMs), ratio(l, (r) => r.effectMs), cpuRatio(l)]),
    },
    {
      title: "View submission (ours): ack and submission → verdict posted (ms)",
      columns: [...head, ...Q("ack"), ...Q("verdict posted"), ...foot],
      rows: m.submissions.map((r) => [...common(r), ...quantiles(r.ackMs), ...quantiles(r.effectMs), ...tail(r)]),
    },
    {
      title: "reaction_added (ours): ack (ms)",
      columns: [...head, ...Q("ack"), ...foot],
      rows: m.reactions.map((r) => [...common(r), ...quantiles(r.ackMs), ...tail(r)]),
    },
    {
      title: `CPU during the measured load (share of all ${coreCount()} cores' time)`,
      columns: ["who", "share"],
      rows: m.cpu ? m.cpu.rows.map(([who, share]) => [who, `${formatNumber(share * 100)}%`]) : [["n/a (no /proc/stat)", "–"]],
    },
    {
      title: "Memory (RSS of the app process)",
      columns: ["app", "after start", "end of load", "peak (VmHWM)"],
      rows: [memRow(OURS), memRow(BARE)],
    },
  ];
}

export function targets(m: Measurements): TargetResult[] {
  const at = (runs: Run[], app: string, level: number) => runs.find((r) => r.app === app && r.concurrency === level);
  const out: TargetResult[] = [];
  const ours50 = at(m.commands, OURS, 50);
  const bare50 = at(m.commands, BARE, 50);
  if (ours50 && bare50) {
    const ratio = p99(ours50.effectMs) / p99(bare50.effectMs);
    out.push(atMost("command → views.open p99 at 50 in flight ≤ 1.25× bare", ratio, 1.25, "×"));
    out.push(atMost("command → views.open p99 at 50 in flight < 100 ms", p99(ours50.effectMs), 100, "ms", true));
  }
  // CPU per command over every level's bursts: more requests than one level, so less of the 10 ms tick's noise.
  const cpuPerCommand = (app: string) => {
    const runs = m.commands.filter((r) => r.app === app && r.appCpuMsPerRequest !== undefined);
    const count = runs.reduce((n, r) => n + r.count, 0);
    return count === 0 ? undefined : runs.reduce((n, r) => n + r.appCpuMsPerRequest! * r.count, 0) / count;
  };
  const ourCpu = cpuPerCommand(OURS);
  const bareCpu = cpuPerCommand(BARE);
  const cpuTarget = "app CPU per command (every level) ≤ 1.5× bare";
  out.push(ourCpu === undefined || !bareCpu ? notMeasured(cpuTarget, "no /proc") : atMost(cpuTarget, ourCpu / bareCpu, 1.5, "×"));
  const worst = (r: Run | undefined, samples: (r: Run) => number[]) => (r ? Math.max(...samples(r)) : Number.NaN);
  const c200 = at(m.commands, OURS, 200);
  out.push(
    atMost(
      "no command past 3 s at 200 in flight (ack and views.open, max)",
      Math.max(
        worst(c200, (r) => r.ackMs),
        worst(c200, (r) => r.effectMs),
      ),
      SLACK_DEADLINE_MS,
      "ms",
    ),
  );
  out.push(
    atMost(
      "no submission ack past 3 s at 200 in flight (max)",
      worst(at(m.submissions, OURS, 200), (r) => r.ackMs),
      SLACK_DEADLINE_MS,
      "ms",
    ),
  );
  out.push(
    atMost(
      "no reaction ack past 3 s at 200 in flight (max)",
      worst(at(m.reactions, OURS, 200), (r) => r.ackMs),
      SLACK_DEADLINE_MS,
      "ms",
    ),
  );
  const errors = (runs: Run[], app: string) => runs.filter((r) => r.app === app).reduce((n, r) => n + r.errors.length, 0);
  out.push(
    atMost("zero errors, ours (commands, submissions, reactions)", errors([...m.commands, ...m.submissions, ...m.reactions], OURS), 0),
  );
  out.push(atMost("zero errors, bare Bolt (commands)", errors(m.commands, BARE), 0));
  const ourMemory = m.memory[OURS];
  const memoryTargets: Array<[string, number | undefined]> = [
    ["our RSS after start < 200 MB", ourMemory?.idle?.rssMb],
    ["our RSS at end of load < 200 MB", ourMemory?.end?.rssMb],
    ["our peak RSS during load < 200 MB", ourMemory?.end?.peakMb],
  ];
  for (const [target, value] of memoryTargets) {
    out.push(value === undefined ? notMeasured(target, "no /proc") : atMost(target, value, 200, "MB", true));
  }
  return out;
}

function countDistinct(lines: readonly string[], top = 3): string {
  const counts = new Map<string, number>();
  for (const line of lines) counts.set(line, (counts.get(line) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([line, n]) => `${n}× ${line.slice(0, 160)}`)
    .join("; ");
}

export function notes(m: Measurements): string[] {
  const kinds: Array<[string, Run[]]> = [
    ["slash commands", m.commands],
    ["view submissions", m.submissions],
    ["reactions", m.reactions],
  ];
  const errorLines = kinds.flatMap(([kind, runs]) =>
    runs.flatMap((r) =>
      r.errors.length === 0 ? [] : [`Errors, ${kind} to ${r.app} at ${r.concurrency} in flight: ${countDistinct(r.errors)}.`],
    ),
  );
  const logLines = Object.entries(m.problems).flatMap(([app, p]) => [
    p.during.length === 0
      ? `${app} logged no WARN/ERROR line during the measured load (${p.before} before it, at start and warm-up).`
      : `${app} logged ${p.during.length} WARN/ERROR lines during the measured load (${p.before} before it): ${countDistinct(p.during)}.`,
  ]);
  const warm =
    m.warmUp.errors.length === 0
      ? `Warm-up (${m.warmUp.count} requests right after start, not measured) had no errors.`
      : `Warm-up (${m.warmUp.count} requests right after start, not measured) had ${m.warmUp.errors.length} errors while the apps were cold: ${countDistinct(m.warmUp.errors)}.`;
  return [
    "Latencies start when this process hands the signed request to fetch and end at the HTTP response (ack) or at the emulator's arrival stamp of the Web API call; both use this process's performance.now().",
    `Each burst sends a fixed number of requests with that many in flight; slash commands run in alternating ours/bare rounds per level, pooled. Trigger ids keep Slack's ${SLACK_DEADLINE_MS} ms TTL (not raised).`,
    "Load generator, signer and emulator share one event loop in this process (bench ELU = its busy share during the burst; bench stall = its longest event-loop delay, ms); each app has its own process. Both apps face the same generator, so the ratio is the fairer number.",
    "app CPU ms/req: the app process's user+system CPU time over the burst and the work it finished afterwards, divided by requests (10 ms tick resolution).",
    m.watchPass
      ? `Our app's first base-model watch pass (bundled catalog only, no network) ran before the load: \`${m.watchPass.slice(0, 160)}\`.`
      : `Our app logged no base-model watch pass within ${m.watchWaitMs / 1000} s of start; if it runs later it overlaps the load.`,
    warm,
    ...errorLines,
    ...logLines,
  ];
}
