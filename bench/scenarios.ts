// The three kinds of signed traffic the HTTP section sends, each a bounded burst through the SlackDriver, with
// latencies measured on this process's performance.now() clock, the same clock the emulator stamps calls with.
import { performance } from "node:perf_hooks";
import type { Answers } from "../src/engine/answers.js";
import { OPTIONS_DEADLINE_MS, SlackDriver } from "../test/emulator/slack-driver.js";
import type { RecordedCall, SlackEmulator, StoredView } from "../test/emulator/slack-emulator.js";
import { fillFromAnswers, toLastStep } from "../test/support/fill.js";
import type { AppProcess } from "./app-process.js";
import { failedCallsSince, findCalls, runBurst, settle } from "./load.js";

/** Slack's deadline for acks and for using a trigger id. */
export const SLACK_DEADLINE_MS = 3000;
/** How long a submission may take to reach a posted verdict before it counts as an error (Slack sets no limit). */
export const VERDICT_WAIT_MS = 5000;

export interface Workspace {
  emulator: SlackEmulator;
  signingSecret: string;
  channelId: string;
  requesterId: string;
}

export interface Run {
  app: string;
  concurrency: number;
  count: number;
  ackMs: number[];
  /** command → views.open, or submission → verdict posted; empty for reactions. */
  effectMs: number[];
  errors: string[];
  wallMs: number;
  benchElu: number;
  benchMaxStallMs: number;
  /** The app process's CPU time per request, including work after the ack. */
  appCpuMsPerRequest: number | undefined;
}

export interface CommandRun extends Run {
  /** Ids of the questionnaires the commands opened, for the submission burst. */
  viewIds: string[];
}

export interface SubmissionRun extends Run {
  /** The verdict messages posted, for the reaction burst. */
  messages: Array<{ channel: string; ts: string }>;
}

/** Several rounds of the same app and level as one sample set (latencies pooled, rates over the summed time). */
export function mergeRuns<T extends Run>(runs: readonly T[]): Run {
  const first = runs[0];
  if (!first) throw new Error("mergeRuns: no runs");
  const wallMs = runs.reduce((n, r) => n + r.wallMs, 0);
  const count = runs.reduce((n, r) => n + r.count, 0);
  const cpu = runs.every((r) => r.appCpuMsPerRequest !== undefined)
    ? runs.reduce((n, r) => n + r.appCpuMsPerRequest! * r.count, 0) / count
    : undefined;
  return {
    app: first.app,
    concurrency: first.concurrency,
    count,
    ackMs: runs.flatMap((r) => r.ackMs),
    effectMs: runs.flatMap((r) => r.effectMs),
    errors: runs.flatMap((r) => r.errors),
    wallMs,
    benchElu: runs.reduce((n, r) => n + r.benchElu * r.wallMs, 0) / wallMs,
    benchMaxStallMs: Math.max(...runs.map((r) => r.benchMaxStallMs)),
    appCpuMsPerRequest: cpu,
  };
}

type Outcome = { ackMs: number; status: number; error?: string; key?: string };

const driverFor = (ws: Workspace, app: AppProcess) =>
  new SlackDriver({
    emulator: ws.emulator,
    appUrl: `http://127.0.0.1:${app.port}`,
    signingSecret: ws.signingSecret,
    optionsDeadlineMs: OPTIONS_DEADLINE_MS,
  });

/** Runs `send` as a burst, then lets the app finish its after-ack work; measures CPU and failed API calls. */
async function measured(
  ws: Workspace,
  app: AppProcess,
  concurrency: number,
  count: number,
  send: (i: number) => Promise<Omit<Outcome, "ackMs">>,
) {
  const from = ws.emulator.calls.length;
  const cpuBefore = app.cpuMs();
  const sentAt: number[] = new Array<number>(count).fill(Number.NaN);
  const burst = await runBurst<Outcome>(
    count,
    concurrency,
    async (i) => {
      sentAt[i] = performance.now();
      const res = await send(i);
      return { ...res, ackMs: performance.now() - sentAt[i]! };
    },
    // A timed-out request keeps its elapsed time (a lower bound), so the max and p99 do not hide it.
    (i, why) => ({ ackMs: performance.now() - sentAt[i]!, status: 0, error: why }),
  );
  return { from, cpuBefore, sentAt, burst };
}

function finish(
  ws: Workspace,
  app: AppProcess,
  m: Awaited<ReturnType<typeof measured>>,
  concurrency: number,
  effectMs: number[],
  errors: string[],
): Run {
  const cpuAfter = app.cpuMs();
  const count = m.burst.results.length;
  const requestErrors = m.burst.results.flatMap((r) =>
    r.error ? [r.error] : r.ackMs > SLACK_DEADLINE_MS ? [`ack after ${SLACK_DEADLINE_MS} ms (Slack gives up)`] : [],
  );
  return {
    app: app.name,
    concurrency,
    count,
    ackMs: m.burst.results.map((r) => r.ackMs).filter(Number.isFinite),
    effectMs,
    errors: [...requestErrors, ...errors, ...failedCallsSince(ws.emulator, m.from).map((e) => `API ${e}`)],
    wallMs: m.burst.wallMs,
    benchElu: m.burst.benchElu,
    benchMaxStallMs: m.burst.benchMaxStallMs,
    appCpuMsPerRequest: cpuAfter !== undefined && m.cpuBefore !== undefined ? (cpuAfter - m.cpuBefore) / count : undefined,
  };
}

/** `/should-we-finetune` (no title) → ack, then views.open with that command's trigger id. */
export async function commandBurst(ws: Workspace, app: AppProcess, concurrency: number, count: number): Promise<CommandRun> {
  const driver = driverFor(ws, app);
  const m = await measured(ws, app, concurrency, count, async () => {
    const res = await driver.sendSlashCommand({ userId: ws.requesterId, channelId: ws.channelId, text: "" });
    return { status: res.status, key: res.triggerId, ...(res.status !== 200 ? { error: `ack HTTP ${res.status}` } : {}) };
  });
  const keys = m.burst.results.flatMap((r) => (r.key && !r.error ? [r.key] : []));
  const lastSent = Math.max(...m.sentAt.filter(Number.isFinite));
  const opened = await findCalls(ws.emulator, "views.open", keys, (c) => str(c.args.trigger_id), lastSent + SLACK_DEADLINE_MS, m.from);
  await settle(ws.emulator);

  const effectMs: number[] = [];
  const errors: string[] = [];
  const viewIds: string[] = [];
  m.burst.results.forEach((r, i) => {
    if (!r.key || r.error) return;
    const call = opened.get(r.key);
    if (!call) return void errors.push(`no views.open within ${SLACK_DEADLINE_MS} ms`);
    const ms = call.at - m.sentAt[i]!;
    effectMs.push(ms);
    const viewId = str((call.response.view as { id?: unknown } | undefined)?.id);
    if (call.response.ok !== true) return; // counted with the failed API calls
    if (ms > SLACK_DEADLINE_MS) errors.push(`views.open after ${SLACK_DEADLINE_MS} ms`);
    if (viewId) viewIds.push(viewId);
  });
  return { ...finish(ws, app, m, concurrency, effectMs, errors), viewIds };
}

/** How many questionnaires are walked to their last step at once before a submission burst (not measured). */
const WALK_CONCURRENCY = 20;

/**
 * Submits opened questionnaires filled from `answers` with a unique title each → ack, then the verdict is posted.
 * Each is first walked to its last step (steps 1 and 2, the choices that reveal fields, the model menus), which is
 * not measured: the burst is the last step's submission, the one that decides and posts.
 */
export async function submissionBurst(
  ws: Workspace,
  app: AppProcess,
  concurrency: number,
  viewIds: readonly string[],
  answers: Answers,
  tag: string,
): Promise<SubmissionRun> {
  const driver = driverFor(ws, app);
  const titles = viewIds.map((_, i) => `BENCH-${tag}-${String(i).padStart(5, "0")}`);
  const walked = await runBurst<StoredView | undefined>(
    viewIds.length,
    WALK_CONCURRENCY,
    async (i) => {
      const first = ws.emulator.view(viewIds[i]!);
      return first ? toLastStep({ driver, emulator: ws.emulator }, first, { ...answers, title: titles[i]! }, ws.requesterId) : undefined;
    },
    () => undefined,
  );
  const views = walked.results;
  await settle(ws.emulator);
  const m = await measured(ws, app, concurrency, viewIds.length, async (i) => {
    const view = views[i];
    if (!view) return { status: 0, error: `questionnaire ${viewIds[i]} could not be walked to its last step` };
    const res = await driver.sendViewSubmission({
      userId: ws.requesterId,
      view,
      values: fillFromAnswers({ ...answers, title: titles[i]! }, view.view),
    });
    const cleared = (res.json as { response_action?: unknown } | undefined)?.response_action === "clear";
    const refused = res.status !== 200 ? `ack HTTP ${res.status}` : !cleared ? `ack ${JSON.stringify(res.json).slice(0, 160)}` : undefined;
    return { status: res.status, key: titles[i], ...(refused ? { error: refused } : {}) };
  });
  const keys = m.burst.results.flatMap((r) => (r.key && !r.error ? [r.key] : []));
  const lastSent = Math.max(...m.sentAt.filter(Number.isFinite));
  const verdictKey = (c: RecordedCall) =>
    c.args.thread_ts === undefined ? /BENCH-[\w-]+-\d{5}/.exec(str(c.args.text) ?? "")?.[0] : undefined;
  const posted = await findCalls(ws.emulator, "chat.postMessage", keys, verdictKey, lastSent + VERDICT_WAIT_MS, m.from);
  await settle(ws.emulator);

  const effectMs: number[] = [];
  const errors: string[] = [];
  const messages: SubmissionRun["messages"] = [];
  m.burst.results.forEach((r, i) => {
    if (!r.key || r.error) return;
    const call = posted.get(r.key);
    if (!call) return void errors.push(`verdict not posted within ${VERDICT_WAIT_MS} ms`);
    effectMs.push(call.at - m.sentAt[i]!);
    const ts = str(call.response.ts);
    const channel = str(call.response.channel);
    if (call.response.ok === true && ts && channel) messages.push({ channel, ts }); // else a failed API call
  });
  return { ...finish(ws, app, m, concurrency, effectMs, errors), messages };
}

/** :white_check_mark: from many reviewers, three per verdict message → ack (sent once the review is stored and its Slack work queued). */
export async function reactionBurst(
  ws: Workspace,
  app: AppProcess,
  concurrency: number,
  count: number,
  messages: ReadonlyArray<{ channel: string; ts: string }>,
  tag: string,
): Promise<Run> {
  const driver = driverFor(ws, app);
  const m = await measured(ws, app, concurrency, count, async (i) => {
    const message = messages[Math.floor(i / 3) % messages.length];
    if (!message) return { status: 0, error: "no verdict message to react to" };
    const res = await driver.sendReaction({
      userId: `U${tag}R${i}`,
      reaction: "white_check_mark",
      channelId: message.channel,
      messageTs: message.ts,
    });
    return { status: res.status, ...(res.status !== 200 ? { error: `ack HTTP ${res.status}` } : {}) };
  });
  await settle(ws.emulator);
  return finish(ws, app, m, concurrency, [], []);
}

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
