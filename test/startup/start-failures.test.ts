import { execFile } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { startApp } from "../../src/main.js";
import { createLogger } from "../../src/ops/logger.js";
import { startupProblem } from "../../src/startup/startup-problem.js";
import { openDb } from "../../src/store/open-db.js";
import { REPO_ROOT } from "../cli/run-cli.js";
import { SlackEmulator } from "../emulator/slack-emulator.js";

const run = promisify(execFile);
/** Root may write anything: the app then runs as nobody, so file permissions apply. */
const AS_NOBODY = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "swf-start-"));
  chmodSync(dir, 0o777);
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("start-up with a storage problem (the real process)", () => {
  it("a read-only database stops it with one plain line, and nothing says it is running", async () => {
    const file = join(dir, "app.db");
    await (await openDb(file)).close();
    chmodSync(file, 0o444);
    const env = {
      PATH: process.env.PATH ?? "",
      SLACK_BOT_TOKEN: "xoxb-never-printed",
      SLACK_SIGNING_SECRET: "signing-secret",
      DATABASE_PATH: file,
      PORT: "0",
      MODEL_SOURCES: "bundled",
    };
    const failure = await run(process.execPath, ["--import", "tsx", "src/main.ts"], { cwd: REPO_ROOT, env, ...AS_NOBODY }).catch(
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failure).toMatchObject({
      code: 1,
      stdout: "",
      stderr: `should-we-finetune cannot start:\n  DATABASE_PATH: ${file} is read-only\n`,
    });
  });
});

describe("startupProblem", () => {
  it("names PORT when the port is taken", async () => {
    const emulator = await SlackEmulator.start();
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "0.0.0.0", resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const loaded = loadConfig({
        SLACK_BOT_TOKEN: emulator.botToken,
        SLACK_SIGNING_SECRET: "s",
        SLACK_API_URL: emulator.apiUrl,
        PORT: String(port),
        DATABASE_PATH: join(dir, "app.db"),
        MODEL_SOURCES: "bundled",
      });
      if (!loaded.ok) throw new Error(loaded.problems.join("\n"));
      const logger = createLogger({ level: "error", sink: { write: () => {} } });
      const error = await startApp(loaded.config, { logger, modelCheckDelayMs: 3_600_000 }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(startupProblem(error, loaded.config)).toBe(`PORT: cannot listen on port ${port} (already in use)`);
    } finally {
      taken.close();
      await emulator.stop();
    }
  });
});
