import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { type RunningApp, startApp } from "../../src/main.js";
import { createLogger } from "../../src/ops/logger.js";
import { SlackEmulator } from "../emulator/slack-emulator.js";
import { CHANNEL, type Harness, REQUESTER, startHarness } from "../support/harness.js";

const get = async (port: number, path: string) => {
  const res = await fetch(`http://127.0.0.1:${port}${path}`);
  return { status: res.status, type: res.headers.get("content-type"), text: await res.text() };
};

describe("operations endpoints in HTTP mode (on the app's port)", () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  it("/healthz says the process is alive, /readyz that the database and Slack answer", async () => {
    h = await startHarness();
    expect(h.app.healthPort).toBe(h.app.port);
    expect(await get(h.app.port!, "/healthz")).toMatchObject({ status: 200, text: "ok" });
    const ready = await get(h.app.port!, "/readyz");
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.text)).toEqual({ ready: true, checks: { database: "ok", slack: "ok" } });
    expect(h.emulator.callsTo("auth.test").length).toBeGreaterThanOrEqual(2);
  });

  it("/readyz answers 503 naming Slack when Slack does not answer auth.test", async () => {
    h = await startHarness();
    h.emulator.failNext("auth.test", { error: "invalid_auth" });
    const ready = await get(h.app.port!, "/readyz");
    expect(ready.status).toBe(503);
    expect(JSON.parse(ready.text)).toEqual({ ready: false, checks: { database: "ok", slack: "An API error occurred: invalid_auth" } });
  });

  it("/metrics counts the Slack calls a command made, in Prometheus text", async () => {
    h = await startHarness();
    const command = await h.driver.sendSlashCommand({ userId: REQUESTER, channelId: CHANNEL });
    expect(command.status).toBe(200);
    await h.emulator.waitForCall("views.open");
    const metrics = await get(h.app.port!, "/metrics");
    expect(metrics.status).toBe(200);
    expect(metrics.type).toMatch(/^text\/plain/);
    expect(metrics.text).toMatch(/^swf_slack_api_call_duration_seconds_count\{method="views\.open",outcome="ok"\} 1$/m);
    expect(metrics.text).toMatch(/^swf_verdicts_total\{outcome="yes"\} 0$/m);
    expect(metrics.text).toMatch(/^swf_jobs_pending 0$/m);
  });

  it("with HEALTH_PORT apart from PORT, they move to their own port and leave the app's port", async () => {
    h = await startHarness({ HEALTH_PORT: "0" });
    expect(h.app.healthPort).not.toBe(h.app.port);
    expect((await get(h.app.healthPort, "/healthz")).status).toBe(200);
    expect((await get(h.app.healthPort, "/metrics")).status).toBe(200);
    expect((await get(h.app.port!, "/metrics")).status).toBe(404);
  });

  it("/readyz answers 503 once the app is stopping", async () => {
    h = await startHarness({ HEALTH_PORT: "0" });
    const { app } = h;
    // A listener still running (its views.open held) keeps stop() waiting while /readyz is asked.
    const viewsOpen = h.emulator.hold("views.open");
    await h.driver.sendSlashCommand({ userId: REQUESTER, channelId: CHANNEL });
    await viewsOpen.arrived;
    const stopping = h.stop();
    h = undefined;
    const ready = await get(app.healthPort, "/readyz").finally(() => viewsOpen.release());
    expect(ready.status).toBe(503);
    expect(JSON.parse(ready.text)).toEqual({ ready: false, checks: { app: "stopping" } });
    await stopping;
  });
});

describe("operations endpoints in Socket Mode (a port of their own)", () => {
  let app: RunningApp | undefined;
  let emulator: SlackEmulator | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await app?.stop();
    await emulator?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("serves /healthz, /readyz (with the WebSocket) and /metrics on HEALTH_PORT, and closes it on stop", async () => {
    emulator = await SlackEmulator.start({ appToken: "xapp-1-A1-1-health" });
    dir = mkdtempSync(join(tmpdir(), "swf-ops-socket-"));
    const loaded = loadConfig({
      SLACK_BOT_TOKEN: emulator.botToken,
      SLACK_APP_TOKEN: "xapp-1-A1-1-health",
      SLACK_API_URL: emulator.apiUrl,
      DATABASE_PATH: join(dir, "app.db"),
      MODEL_SOURCES: "bundled",
      HEALTH_PORT: "0",
    });
    if (!loaded.ok) throw new Error(loaded.problems.join("\n"));
    const logger = createLogger({ level: "error", sink: { write: () => {} } });
    app = await startApp(loaded.config, { modelCheckDelayMs: 3_600_000, logger });
    expect(app.port).toBeUndefined();
    const port = app.healthPort;
    expect((await get(port, "/healthz")).status).toBe(200);
    expect(JSON.parse((await get(port, "/readyz")).text)).toEqual({ ready: true, checks: { database: "ok", slack: "ok", socket: "ok" } });
    expect((await get(port, "/metrics")).text).toContain(
      'swf_slack_api_call_duration_seconds_count{method="apps.connections.open",outcome="ok"} 1',
    );
    expect((await get(port, "/slack/events")).status).toBe(404);
    await app.stop();
    app = undefined;
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });
});
