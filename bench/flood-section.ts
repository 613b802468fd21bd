// Real signed slash commands while a flood of large bodies hits /slack/events, on our app and on a bare Bolt app:
// no flood, 3.9 MB unsigned bodies (what issue 9 measured: commands then took 9–13 s), and the same bodies with plausible
// but forged signature headers (the worst case for us: under the 4 MiB limit, so read in full, then refused by the HMAC).

import { mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SLACK_TRIGGER_TTL_MS, SlackEmulator } from "../test/emulator/slack-emulator.js";
import { type AppProcess, buildOurApp, OUR_APP, productionNodeOptions, startAppProcess } from "./app-process.js";
import { BARE, OURS } from "./http-report.js";
import { settle } from "./load.js";
import { type CommandRun, commandBurst, type Workspace } from "./scenarios.js";
import type { BenchContext, Section, SectionReport, Table } from "./section.js";
import { summarize } from "./stats.js";
import { atMost, formatNumber } from "./targets.js";

const SIGNING_SECRET = "bench-signing-secret";
const FLOODERS = 32;
const CHUNK = Buffer.alloc(64 * 1024, "x");

interface FloodKind {
  name: string;
  bytes: number;
  headers: () => Record<string, string>;
}

const FLOODS: FloodKind[] = [
  { name: "3.9 MB unsigned", bytes: 3_900_000, headers: () => ({ "content-type": "application/json" }) },
  {
    name: "3.9 MB, forged signature",
    bytes: 3_900_000,
    headers: () => ({
      "content-type": "application/json",
      "x-slack-signature": `v0=${"0".repeat(64)}`,
      "x-slack-request-timestamp": String(Math.floor(Date.now() / 1000)),
    }),
  },
];

interface FloodStats {
  requests: number;
  bytesSent: number;
  statuses: Map<string, number>;
}

/** One flood request: sends the body in 64 KB chunks until it is all sent or the app answers, whichever is first. */
function floodRequest(port: number, kind: FloodKind, stats: FloodStats): Promise<void> {
  return new Promise((resolve) => {
    const req = request({
      host: "127.0.0.1",
      port,
      method: "POST",
      path: "/slack/events",
      agent: false,
      headers: { ...kind.headers(), "content-length": String(kind.bytes) },
    });
    let sent = 0;
    let done = false;
    const finish = (outcome: string) => {
      if (done) return;
      done = true;
      stats.requests += 1;
      stats.bytesSent += sent;
      stats.statuses.set(outcome, (stats.statuses.get(outcome) ?? 0) + 1);
      req.destroy();
      resolve();
    };
    req.on("response", (res) => {
      res.resume();
      finish(String(res.statusCode));
    });
    req.on("error", (error: NodeJS.ErrnoException) => finish(error.code ?? "error"));
    const pump = () => {
      while (!done && sent < kind.bytes) {
        const piece = CHUNK.subarray(0, Math.min(CHUNK.length, kind.bytes - sent));
        sent += piece.length;
        if (!req.write(piece)) return void req.once("drain", pump);
      }
      if (!done) req.end();
    };
    pump();
  });
}

/** Runs `work` while FLOODERS loops send `kind` to the app back to back. */
async function underFlood<T>(
  app: AppProcess,
  kind: FloodKind | undefined,
  work: () => Promise<T>,
): Promise<{ result: T; flood: FloodStats }> {
  const flood: FloodStats = { requests: 0, bytesSent: 0, statuses: new Map() };
  let stop = false;
  const loops = kind
    ? Array.from({ length: FLOODERS }, async () => {
        while (!stop) await floodRequest(app.port, kind, flood);
      })
    : [];
  try {
    return { result: await work(), flood };
  } finally {
    stop = true;
    await Promise.all(loops);
  }
}

interface Row {
  app: string;
  flood: string;
  run: CommandRun;
  stats: FloodStats;
  rssMb: number | undefined;
}

async function measure(ctx: BenchContext, dbDir: string): Promise<Row[]> {
  const emulator = await SlackEmulator.start({ triggerTtlMs: SLACK_TRIGGER_TTL_MS });
  const ws: Workspace = { emulator, signingSecret: SIGNING_SECRET, channelId: "CFLOOD", requesterId: "UFLOODREQ" };
  emulator.addUser({ id: ws.requesterId, name: "flood-requester" });
  emulator.addChannel({ id: ws.channelId, name: "flood", members: [emulator.botUserId, ws.requesterId] });
  const common = { SLACK_BOT_TOKEN: emulator.botToken, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: emulator.apiUrl, PORT: "0" };
  const apps: AppProcess[] = [];
  const rows: Row[] = [];
  const commands = ctx.quick ? 10 : 60;
  const inFlight = ctx.quick ? 2 : 4;
  try {
    apps.push(
      await startAppProcess({
        name: OURS,
        script: OUR_APP,
        env: {
          ...common,
          SLACK_APP_TOKEN: "",
          DATABASE_PATH: join(dbDir, "flood.db"),
          LOG_LEVEL: "info",
          MODEL_SOURCES: "bundled",
          MODEL_CHECK_INTERVAL_MINUTES: "1440",
          NODE_OPTIONS: productionNodeOptions(),
        },
      }),
    );
    apps.push(await startAppProcess({ name: BARE, script: "bench/bare-app.ts", env: common }));
    for (const app of apps) {
      await commandBurst(ws, app, inFlight, commands); // warm-up, not measured
      for (const kind of [undefined, ...FLOODS]) {
        const { result, flood } = await underFlood(app, kind, () => commandBurst(ws, app, inFlight, commands));
        await settle(emulator);
        rows.push({ app: app.name, flood: kind?.name ?? "none", run: result, stats: flood, rssMb: app.memory()?.peakMb });
        ctx.progress(`flood: ${app.name}, ${kind?.name ?? "no flood"}: ${result.errors.length} errors, ${flood.requests} flood requests`);
      }
    }
    return rows;
  } finally {
    for (const app of apps) await app.stop();
    await emulator.stop();
  }
}

const ms = (n: number) => (Number.isFinite(n) ? formatNumber(n) : "–");
const q = (samples: number[]) => {
  const s = summarize(samples);
  return [ms(s.p50), ms(s.p95), ms(s.max)];
};

function table(rows: Row[]): Table {
  return {
    title: "Slash commands during a body flood (ms)",
    columns: [
      "app",
      "flood",
      "commands",
      "ack p50",
      "p95",
      "max",
      "views.open p50",
      "p95",
      "max",
      "errors",
      "flood requests",
      "flood MB written",
      "flood answers",
      "peak RSS MB",
    ],
    rows: rows.map((r) => [
      r.app,
      r.flood,
      String(r.run.count),
      ...q(r.run.ackMs),
      ...q(r.run.effectMs),
      String(r.run.errors.length),
      String(r.stats.requests),
      formatNumber(r.stats.bytesSent / 1e6),
      [...r.stats.statuses].map(([status, n]) => `${status}×${n}`).join(" ") || "–",
      r.rssMb === undefined ? "n/a" : formatNumber(r.rssMb),
    ]),
  };
}

export const floodSection: Section = {
  name: "flood",
  title: "HTTP under a body flood: real commands while large bodies arrive",
  async run(ctx): Promise<SectionReport> {
    buildOurApp();
    const dbDir = mkdtempSync(join(tmpdir(), "swf-bench-flood-"));
    try {
      const rows = await measure(ctx, dbDir);
      const unsigned = rows.find((r) => r.app === OURS && r.flood === FLOODS[0]!.name);
      return {
        tables: [table(rows)],
        targets: unsigned
          ? [
              atMost(
                "ours, 3.9 MB unsigned flood: command → views.open p95 (issue 9 measured 9,000–13,000 ms)",
                summarize(unsigned.run.effectMs).p95,
                1000,
                "ms",
              ),
            ]
          : [],
        notes: [
          `${FLOODERS} flood connections send bodies back to back (each in 64 KB writes, stopping when answered) while commands run ${ctx.quick ? 2 : 4} in flight.`,
          "Ours refuses an unsigned body from its headers and closes the connection; a body with plausible headers is read (up to the 4 MiB limit) and refused by the signature check.",
          "Bare Bolt reads every body (up to its 4 MB default) before checking the signature.",
          "Flood answers: an HTTP status, or ECONNRESET where the app closed the connection while the flooder was still writing (the answer had gone out first); MB written counts what the flooders handed to their sockets, not what an app read.",
          "The flood and the emulator share this process and the machine's 2 cores with the apps, so part of any slowdown is the load generator's.",
        ],
      };
    } finally {
      rmSync(dbDir, { recursive: true, force: true });
    }
  },
};
