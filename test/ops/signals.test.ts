import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/ops/logger.js";
import { stopOnSignals } from "../../src/ops/signals.js";

function setup(stop: () => Promise<void>, graceMs = 60_000) {
  const signals = new EventEmitter();
  const lines: string[] = [];
  const logger = createLogger({ level: "info", sink: { write: (line) => lines.push(line) } });
  let exited: (code: number) => void = () => {};
  const exit = new Promise<number>((resolve) => {
    exited = resolve;
  });
  stopOnSignals({ stop, graceMs, logger, exit: (code) => exited(code), signals });
  const messages = () => lines.map((l) => (JSON.parse(l) as { msg: string }).msg);
  return { signals, exit, messages };
}

describe("stopOnSignals", () => {
  it.each(["SIGTERM", "SIGINT"])("%s stops the app, then exits 0", async (signal) => {
    let stopped = false;
    const { signals, exit, messages } = setup(async () => {
      stopped = true;
    });
    signals.emit(signal, signal);
    expect(await exit).toBe(0);
    expect(stopped).toBe(true);
    expect(messages()).toEqual([`${signal}: stopping; work in flight has 60000 ms to finish`, "stopped"]);
  });

  it("exits 1 when the work in flight outlasts the grace period", async () => {
    const { signals, exit, messages } = setup(() => new Promise(() => {}), 10);
    signals.emit("SIGTERM", "SIGTERM");
    expect(await exit).toBe(1);
    expect(messages().at(-1)).toBe("work still in flight after 10 ms; exiting anyway");
  });

  it("a second signal while stopping exits at once", async () => {
    let stopCalls = 0;
    const { signals, exit, messages } = setup(() => {
      stopCalls += 1;
      return new Promise(() => {});
    });
    signals.emit("SIGTERM", "SIGTERM");
    signals.emit("SIGINT", "SIGINT");
    expect(await exit).toBe(1);
    expect(stopCalls).toBe(1);
    expect(messages().at(-1)).toBe("SIGINT again: exiting now");
  });

  it("exits 1 when stopping fails", async () => {
    const { signals, exit, messages } = setup(() => Promise.reject(new Error("disk gone")));
    signals.emit("SIGTERM", "SIGTERM");
    expect(await exit).toBe(1);
    expect(messages().at(-1)).toBe("stopping failed");
  });
});
