import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SlackDriver } from "../emulator/slack-driver.js";
import { SlackEmulator } from "../emulator/slack-emulator.js";
import { type AppProcess, startAppProcess } from "../support/app-process.js";
import { CHANNEL, REQUESTER, SIGNING_SECRET } from "../support/harness.js";

// The app as its own process, started as production starts it (node runs the entry point itself, no npm or shell in
// between), stopped with real signals while a request it acknowledged is still being handled (its views.open held).

let emulator: SlackEmulator;
let dir: string;
let app: AppProcess | undefined;
let held: { arrived: Promise<void>; release: () => void } | undefined;

beforeEach(async () => {
  emulator = await SlackEmulator.start();
  emulator.addUser({ id: REQUESTER, name: "requester" });
  emulator.addChannel({ id: CHANNEL, name: "ml-decisions", members: [emulator.botUserId, REQUESTER] });
  dir = mkdtempSync(join(tmpdir(), "swf-shutdown-"));
});
afterEach(async () => {
  held?.release();
  await app?.kill("SIGKILL");
  await emulator.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Starts the app and leaves one acknowledged command in flight: its views.open has reached Slack and waits there. */
async function startWithWorkInFlight(env: Record<string, string> = {}): Promise<AppProcess> {
  app = await startAppProcess({
    SLACK_BOT_TOKEN: emulator.botToken,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: emulator.apiUrl,
    PORT: "0",
    DATABASE_PATH: join(dir, "app.db"),
    MODEL_SOURCES: "bundled",
    ...env,
  });
  held = emulator.hold("views.open");
  const driver = new SlackDriver({ emulator, appUrl: `http://127.0.0.1:${app.port}`, signingSecret: SIGNING_SECRET });
  expect((await driver.sendSlashCommand({ userId: REQUESTER, channelId: CHANNEL })).status).toBe(200);
  await held.arrived;
  return app;
}

const exitOf = (running: AppProcess) =>
  running.child.exitCode !== null ? Promise.resolve(running.child.exitCode) : once(running.child, "exit").then(([code]) => code as number);

function gone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
}

describe("stopping the real process with a signal", () => {
  it("SIGTERM stops taking requests, lets the one in flight finish, and exits 0 leaving no process behind", async () => {
    const running = await startWithWorkInFlight();
    const exit = exitOf(running);
    running.child.kill("SIGTERM");
    await running.waitForOutput(/waiting for 1 request still being handled/);
    await expect(fetch(`http://127.0.0.1:${running.port}/healthz`)).rejects.toThrow();
    held!.release();
    expect(await exit).toBe(0);
    expect(running.output()).toMatch(/"msg":"stopped"/);
    expect(emulator.callsTo("views.open")).toHaveLength(1);
    expect(emulator.callsTo("views.open")[0]!.response.ok).toBe(true);
    expect(gone(running.child.pid!)).toBe(true);
  });

  it("gives up after SHUTDOWN_GRACE_MS when the work in flight does not finish, and exits 1", async () => {
    const running = await startWithWorkInFlight({ SHUTDOWN_GRACE_MS: "500" });
    const exit = exitOf(running);
    running.child.kill("SIGTERM");
    expect(await exit).toBe(1);
    expect(running.output()).toMatch(/"msg":"work still in flight after 500 ms; exiting anyway"/);
  });

  it("a second signal while stopping exits at once", async () => {
    const running = await startWithWorkInFlight({ SHUTDOWN_GRACE_MS: "600000" });
    const exit = exitOf(running);
    running.child.kill("SIGTERM");
    await running.waitForOutput(/waiting for 1 request still being handled/);
    running.child.kill("SIGINT");
    expect(await exit).toBe(1);
    expect(running.output()).toMatch(/"msg":"SIGINT again: exiting now"/);
  });
});
