import { describe, expect, it } from "vitest";
import {
  formatApprox,
  formatDate,
  formatDuration,
  formatMoney,
  formatPayback,
  formatRequestsPerMonth,
  formatSize,
  formatUsd,
  listOf,
} from "../../src/engine/words.js";

describe("words a reviewer reads", () => {
  it.each([
    [0, "$0"],
    [300, "$300"],
    [10_420.5, "$10,420.5"],
    [-50, "-$50"],
    [1234.567, "$1,234.57"],
  ])("formatUsd(%d) keeps the sign for tables: %s", (n, text) => {
    expect(formatUsd(n)).toBe(text);
  });

  it.each([
    [210, "$210"],
    [-210, "$210"],
    [10_420.5, "$10,421"],
    [12.5, "$12.5"],
    [0.001, "under a cent"],
  ])("formatMoney(%d) never shows a sign: %s", (n, text) => {
    expect(formatMoney(n)).toBe(text);
  });

  it.each([
    [533_333, "533,000"],
    [104_167, "104,000"],
    [999, "999"],
    [1234, "1,230"],
    [25_000, "25,000"],
  ])("formatApprox(%d) is %s", (n, text) => {
    expect(formatApprox(n)).toBe(text);
  });

  it.each([
    [0.4, "about 12 days"],
    [0.01, "about 1 day"],
    [2.5, "about 2.5 months"],
    [12.5, "about 12.5 months"],
    [62.5, "about 5.2 years"],
  ])("formatDuration(%d months) is %s", (months, text) => {
    expect(formatDuration(months)).toBe(text);
  });

  it("says a free fine-tune pays back at once", () => {
    expect(formatPayback(0)).toBe("at once");
    expect(formatPayback(2.5)).toBe("in about 2.5 months");
  });

  it("says where the answer flips, and stops at volumes no system has", () => {
    expect(formatRequestsPerMonth(533_333)).toBe("about 533,000 requests a month");
    expect(formatRequestsPerMonth(1)).toBe("about 1 request a month");
    expect(formatRequestsPerMonth(2e12)).toBeNull();
  });

  it.each([
    ["2027-01-06", "6 Jan 2027"],
    ["2026-05-07", "7 May 2026"],
  ])("formatDate(%s) is %s", (iso, text) => {
    expect(formatDate(iso)).toBe(text);
  });

  it.each([
    [7, "7"],
    [70.55, "70.6"],
    [0.35, "0.35"],
    [0.001, "<0.01"],
  ])("formatSize(%d) is %s", (b, text) => {
    expect(formatSize(b)).toBe(text);
  });

  it("lists like a sentence", () => {
    expect(listOf(["a"])).toBe("a");
    expect(listOf(["a", "b"])).toBe("a and b");
    expect(listOf(["a", "b", "c"], "or")).toBe("a, b or c");
  });
});
