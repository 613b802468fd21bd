import { describe, expect, it } from "vitest";
import { isNewerVersion, sameLine } from "../../src/watcher/lineage.js";
import { LINEAGE_POLICIES, type LineagePolicy } from "../../src/watcher/lineage-policy.js";
import { parseModelId } from "../../src/watcher/parse-model-id.js";

const { strict, line } = LINEAGE_POLICIES;
const productLine = LINEAGE_POLICIES["product-line"];
const dated = (id: string, releaseDate: string | null) => ({ parsed: parseModelId(id), releaseDate });

describe("sameLine", () => {
  it.each([
    // recorded, candidate, same line under the default policy
    ["gpt-5-2025-08-07", "gpt-5.1", true],
    ["gpt-5-mini", "gpt-5.4-mini", true],
    ["gpt-5-mini", "gpt-5.4-nano", false],
    ["gpt-5-codex", "gpt-5.1-codex-max", false],
    ["gpt-5", "gpt-5-chat-latest", false],
    ["gpt-4o-2024-08-06", "gpt-4.1-2025-04-14", false],
    ["gpt-4-0613", "gpt-4-turbo-2024-04-09", false],
    ["gpt-3.5-turbo-0613", "gpt-3.5-turbo-instruct", false],
    ["azure/gpt-35-turbo-0613", "gpt-3.5-turbo-0125", true],
    ["gpt-image-1", "gpt-image-1.5", true],
    ["gpt-image-1", "openai/gpt-5-image", false],
    ["gpt-4o-audio-preview-2024-12-17", "openai/gpt-audio", false],
    ["o1-2024-12-17", "o3-2025-04-16", true],
    ["gemini-2.0-flash-001", "gemini-2.0-flash-live-001", false],
    ["gemini-2.5-flash", "gemini-live-2.5-flash-preview", false],
    ["gemini-2.5-flash", "gemini-2.5-flash-native-audio-preview-09-2025", false],
    ["gemini-1.5-flash-002", "gemini-1.5-flash-8b-001", false],
    ["mistral-small-2402", "mistralai/Mistral-Small-3.2-24B-Instruct-2506", true],
    ["zai-org/GLM-4.5", "z-ai/glm-4-32b", false],
    ["meta.llama3-70b-instruct-v1:0", "meta-llama/Llama-3.3-70B-Instruct", true],
    ["meta-llama/llama-4-scout", "meta-llama/Llama-4-Scout-17B-16E-Instruct", true],
    ["microsoft/Phi-3-mini-4k-instruct", "microsoft/Phi-3.5-mini-instruct", true],
    ["microsoft/Phi-3.5-mini-instruct", "microsoft/Phi-3-mini-4k-instruct", false],
  ])("%s and %s: %s", (a, b, same) => {
    expect(sameLine(parseModelId(a), parseModelId(b), line)).toBe(same);
  });

  it.each([
    // recorded, candidate, policy, same line
    ["gpt-4o-2024-08-06", "gpt-4.1-2025-04-14", productLine, true],
    ["gpt-4-0613", "gpt-4-turbo-2024-04-09", productLine, true],
    ["gpt-4o-mini-2024-07-18", "gpt-5-mini", productLine, true],
    ["gpt-4o-mini-2024-07-18", "gpt-5", productLine, false],
    ["claude-3-5-sonnet-20241022", "claude-3-7-sonnet-20250219", strict, true],
    ["claude-3-5-sonnet-20241022", "claude-sonnet-4-20250514", strict, false],
    ["claude-3-5-sonnet-20241022", "claude-sonnet-4-20250514", line, true],
    ["Qwen/Qwen2-7B-Instruct", "Qwen/Qwen3-8B", line, false],
    ["Qwen/Qwen2-7B-Instruct", "Qwen/Qwen3-8B", productLine, true],
    ["Qwen/Qwen2-7B-Instruct", "Qwen/Qwen2.5-14B-Instruct", productLine, false],
    ["google/gemma-3-27b-it", "google/gemma-4-31B-it", productLine, true],
  ] as [string, string, LineagePolicy, boolean][])("%s and %s under %j: %s", (a, b, policy, same) => {
    expect(sameLine(parseModelId(a), parseModelId(b), policy)).toBe(same);
  });
});

describe("isNewerVersion", () => {
  it.each([
    // recorded, its date, candidate, its date, newer
    ["gemini-2.5-pro-preview-05-06", "2025-05-06", "google/gemini-2.5-pro-preview", "2025-06-05", true],
    ["google/gemini-2.5-pro-preview", "2025-06-05", "gemini-2.5-pro", "2025-06-17", true],
    ["google/gemini-2.5-pro-preview", "2025-06-05", "google/gemini-2.5-pro-preview-05-06", "2025-05-06", false],
    ["gpt-4o-search-preview-2025-03-11", "2025-03-11", "gpt-4o-search-preview", "2025-03-12", false],
    ["gemini-2.5-flash-preview-04-17", null, "gemini-2.5-flash-preview-05-20", null, true],
    ["gemini-2.5-flash-preview-05-20", null, "gemini-2.5-flash-preview-04-17", null, false],
    ["claude-3-7-sonnet-latest", null, "claude-3-7-sonnet-20250219", "2025-02-19", false],
    ["claude-3-7-sonnet-latest", null, "claude-sonnet-4-20250514", "2025-05-14", true],
    ["x-ai/grok-4", "2025-07-09", "x-ai/grok-4.20", "2026-03-31", true],
    // Catalogs list old models late: a lower version stays older whatever its listing date.
    ["google/gemma-3-27b-it", "2025-03-12", "google/gemma-2-27b-it", "2026-01-01", false],
    ["mistralai/Mistral-7B-Instruct-v0.1", "2023-09-28", "mistralai/mistral-saba", "2025-02-17", false],
    ["deepseek-ai/DeepSeek-V3.1", "2025-08-21", "deepseek-ai/DeepSeek-V3.1-Terminus", "2025-09-22", true],
  ])("%s (%s) ← %s (%s): %s", (r, rDate, c, cDate, expected) => {
    expect(isNewerVersion(dated(r, rDate), dated(c, cDate), line)).toBe(expected);
  });

  it("reports previews of a stable model only when the policy asks", () => {
    const recorded = dated("gemini-2.5-flash", "2025-06-17");
    const preview = dated("gemini-3-flash-preview", "2025-12-17");
    expect(isNewerVersion(recorded, preview, line)).toBe(false);
    expect(isNewerVersion(recorded, preview, { ...line, previews: true })).toBe(true);
  });
});
