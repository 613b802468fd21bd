import { describe, expect, it } from "vitest";
import { formatDuration, parseDuration } from "../src/duration.js";

describe("parseDuration", () => {
  it.each([
    ["2d", 172_800_000],
    ["48h", 172_800_000],
    ["30m", 1_800_000],
    ["10s", 10_000],
    [" 3D ", 259_200_000],
    ["365d", 31_536_000_000],
    ["off", null],
    ["OFF", null],
  ])("%j", (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(["", "2", "d", "2 days", "1.5h", "-2d", "2w", "1d12h", "9s", "366d", "1000000d"])(
    "refuses %j, saying what is accepted",
    (text) => {
      expect(() => parseDuration(text)).toThrow(/2d, 48h, 30m or 10s/);
    },
  );
});

describe("formatDuration", () => {
  it.each([
    [172_800_000, "2d"],
    [3_600_000, "1h"],
    [1_800_000, "30m"],
    [10_000, "10s"],
    [90_000, "90s"],
  ])("%d ms is %j", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
    expect(parseDuration(text)).toBe(ms);
  });
});
