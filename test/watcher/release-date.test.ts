import { describe, expect, it } from "vitest";
import { parseModelId } from "../../src/watcher/parse-model-id.js";
import { compareDates, resolveIdDate, toReleaseDate } from "../../src/watcher/release-date.js";

describe("resolveIdDate", () => {
  it.each([
    // id, catalog date, resolved
    ["gpt-4o-2024-11-20", "2025-02-12", "2024-11-20"],
    ["claude-sonnet-4-20250514", "2025-05-22", "2025-05-14"],
    ["mistral-large-2512", "2024-11-01", "2025-12"],
    ["mistral-large-2411", "2024-11-18", "2024-11-18"],
    ["mistral-large-2407", null, "2024-07"],
    ["gpt-3.5-turbo-0125", "2024-01-23", "2024-01-25"],
    ["gpt-3.5-turbo-0613", "2024-01-25", "2023-06-13"],
    ["gpt-4-0314", "2023-05-28", "2023-03-14"],
    ["deepseek-ai/DeepSeek-V3-0324", "2025-03-24", "2025-03-24"],
    ["gpt-4-0613", null, null],
  ])("%s with catalog date %s → %s", (id, catalogDate, expected) => {
    expect(resolveIdDate(parseModelId(id).date!, catalogDate)).toBe(expected);
  });
});

describe("compareDates", () => {
  it.each([
    ["2024-11", "2024-11-18", 0],
    ["2025-12", "2025-11-30", 1],
    ["2024-02", "2024-07", -1],
    ["2024-09-19", "2024-09", 0],
  ])("%s vs %s → %i", (a, b, expected) => {
    expect(compareDates(a, b)).toBe(expected);
  });
});

describe("toReleaseDate", () => {
  it.each([
    ["2024-07-18T08:56:00.000Z", "2024-07-18"],
    ["2025-04", "2025-04"],
    [1721692800, "2024-07-23"],
    ["soon", null],
    [null, null],
  ])("%s → %s", (value, expected) => {
    expect(toReleaseDate(value)).toBe(expected);
  });
});
