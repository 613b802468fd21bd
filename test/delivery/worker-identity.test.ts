import { hostname } from "node:os";
import { describe, expect, it } from "vitest";
import { isGoneLocalWorker, workerId } from "../../src/delivery/worker-identity.js";

describe("isGoneLocalWorker", () => {
  const self = workerId();
  const alive = (pid: number) => pid === 4242;
  it.each([
    ["this very worker", self, false],
    ["an earlier worker of this pid (a restarted container's pid 1)", `${hostname()}:${process.pid}:deadbeef`, true],
    ["a live process of this host", `${hostname()}:4242:abcd1234`, false],
    ["a process of this host that is gone", `${hostname()}:4243:abcd1234`, true],
    ["a process of another host", "elsewhere:4243:abcd1234", false],
    ["something that is not a worker id", "cli", false],
  ])("%s: %s", (_name, id, gone) => {
    expect(isGoneLocalWorker(id, self, alive)).toBe(gone);
  });
});
