import { describe, expect, it } from "vitest";
import { storageProblem } from "../../src/store/storage-problem.js";

describe("storageProblem", () => {
  it.each([
    ["SQLITE_FULL", "the server's disk is full"],
    ["53100", "the server's disk is full"],
    ["SQLITE_READONLY", "the database can't be written right now"],
    ["25006", "the database can't be written right now"],
    ["SQLITE_BUSY", "the database is busy"],
    ["40001", "the database is busy"],
    ["53300", "the database is overloaded"],
    ["ECONNREFUSED", "the database isn't answering"],
  ])("says %s in plain words", (code, words) => {
    expect(storageProblem(Object.assign(new Error("x"), { code }))).toBe(words);
  });
});
