import { describe, expect, it } from "vitest";
import { sameLine } from "../../src/watcher/lineage.js";
import { parseModelId } from "../../src/watcher/parse-model-id.js";

describe("parseModelId", () => {
  it.each([
    // id, vendor, family, version, date, revision, size
    ["gpt-4o-2024-08-06", "openai", "gpt", [4], { year: 2024, month: 8, day: 6 }, [], null],
    ["gpt-4-0613", "openai", "gpt", [4], { year: null, month: 6, day: 13 }, [], null],
    ["gpt-3.5-turbo-0125", "openai", "gpt", [3, 5], { year: null, month: 1, day: 25 }, [], null],
    ["openai/gpt-4o-mini", "openai", "gpt", [4], null, [], null],
    ["claude-3-5-sonnet-20241022", "anthropic", "claude", [3, 5], { year: 2024, month: 10, day: 22 }, [], null],
    ["claude-sonnet-4-0", "anthropic", "claude", [4], null, [], null],
    ["anthropic/claude-sonnet-4.6", "anthropic", "claude", [4, 6], null, [], null],
    ["gemini-2.0-flash-lite-001", "google", "gemini", [2], null, [1], null],
    ["gemini-2.5-pro-preview-03-25", "google", "gemini", [2, 5], { year: null, month: 3, day: 25 }, [], null],
    ["gemini-1.5-pro-exp-0827", "google", "gemini", [1, 5], { year: null, month: 8, day: 27 }, [], null],
    ["google/gemini-2.5-flash-lite-preview-09-2025", "google", "gemini", [2, 5], { year: 2025, month: 9, day: null }, [], null],
    ["mistral-large-2411", "mistral", "mistral", [], { year: 2024, month: 11, day: null }, [], null],
    ["mistralai/Mistral-7B-Instruct-v0.3", "mistral", "mistral", [], null, [0, 3], "7b"],
    ["mistralai/Mixtral-8x7B-Instruct-v0.1", "mistral", "mixtral", [], null, [0, 1], "8x7b"],
    ["Qwen/Qwen3-235B-A22B-Instruct-2507", "qwen", "qwen", [3], { year: 2025, month: 7, day: null }, [], "235b-a22b"],
    ["qwen2-5-7b-instruct", "qwen", "qwen", [2, 5], null, [], "7b"],
    ["qwen/qwen3.5-plus-02-15", "qwen", "qwen", [3, 5], { year: null, month: 2, day: 15 }, [], null],
    ["deepseek-ai/DeepSeek-V3-0324", "deepseek", "deepseek", [3], { year: null, month: 3, day: 24 }, [], null],
    ["moonshotai/Kimi-K2-Instruct-0905", "moonshot", "kimi", [2], { year: null, month: 9, day: 5 }, [], null],
    ["meta-llama/Meta-Llama-3.1-8B-Instruct", "meta", "llama", [3, 1], null, [], "8b"],
    ["meta-llama/Llama-4-Scout-17B-16E-Instruct", "meta", "llama", [4], null, [], "17b-16e"],
    ["llama-4-maverick-17b-128e-instruct-fp8", "meta", "llama", [4], null, [], "17b-128e"],
    ["google/gemma-3n-E4B-it", "google", "gemma", [3], null, [], "e4b"],
    ["microsoft/Phi-3-mini-4k-instruct", "microsoft", "phi", [3], null, [], null],
    ["nex-agi/DeepSeek-V3.1-Nex-N1", "nex-agi", "deepseek", [3, 1], null, [], null],
    ["TheBloke/Mistral-7B-Instruct-v0.2-GPTQ", "mistral", "mistral", [], null, [0, 2], "7b"],
  ])("%s → %s %s %j %j %j %s", (id, vendor, family, version, date, revision, size) => {
    const parsed = parseModelId(id);
    expect(parsed).toMatchObject({ vendor, family, version, date, revision, size });
  });

  it.each([
    // id, preview, alias, floating, variant
    ["gpt-4o", false, true, false, "instruct"],
    // A -latest with a version follows that version's snapshots; only one without a version floats.
    ["chatgpt-4o-latest", false, true, false, "instruct"],
    ["claude-3-5-haiku-latest", false, true, false, "instruct"],
    ["deepseek-chat", false, true, true, "instruct"],
    ["mistral-large-latest", false, true, true, "instruct"],
    ["gemini-2.5-pro", false, true, false, "instruct"],
    ["gemini-2.0-flash-lite-preview-02-05", true, false, false, "instruct"],
    ["deepseek-ai/DeepSeek-V3.2-Exp", true, false, false, "instruct"],
    ["deepseek-ai/DeepSeek-V3", false, false, false, "instruct"],
    ["deepseek-ai/DeepSeek-V3-Base", false, false, false, "base"],
    ["Qwen/Qwen2.5-32B", false, false, false, "base"],
    ["Qwen/Qwen3-32B", false, false, false, "instruct"],
    ["Qwen/Qwen3-8B-Base", false, false, false, "base"],
    ["google/gemma-2-27b", false, false, false, "base"],
    ["google/gemma-3-27b-it", false, false, false, "instruct"],
    ["google/gemma-3-27b-pt", false, false, false, "base"],
    ["meta-llama/Llama-3.1-8B", false, false, false, "base"],
    ["Qwen/QwQ-32B-Preview", true, false, false, "instruct"],
  ])("%s: preview %s, alias %s, floating %s, %s", (id, preview, alias, floating, variant) => {
    expect(parseModelId(id)).toMatchObject({ preview, alias, floating, variant });
  });

  it.each([
    // id, prefix, generation name, kinds, revision
    ["gpt-4o-mini", null, "4o", "", []],
    ["gpt-4.1-2025-04-14", null, "4.1", "", []],
    ["azure/gpt-35-turbo-0613", null, "3.5", "", []],
    ["gpt-5.4-mini", null, "", "", []],
    ["gpt-image-1.5", null, "image", "image", []],
    ["openai/gpt-5-image", null, "", "image", []],
    ["gpt-3.5-turbo-instruct", null, "3.5", "instruct", []],
    ["gemini-2.0-flash-live-001", null, "", "live", [1]],
    ["XiaomiMiMo/MiMo-V2-Flash", "v", "", "", []],
    ["amazon/nova-lite-v1", null, "", "", [1]],
    ["kwaipilot/kat-coder-pro-v2", null, "", "coder", [2]],
  ])("%s: prefix %s, generation %j, kinds %j, revision %j", (id, prefix, generationName, kinds, revision) => {
    expect(parseModelId(id)).toMatchObject({ prefix, generationName, kinds, revision });
  });

  it.each([
    // Renamed repos, quantised copies, router and vendor ids of one model.
    ["meta-llama/Llama-3.1-8B-Instruct", "meta-llama/Meta-Llama-3.1-8B-Instruct"],
    ["meta-llama/Llama-4-Scout-17B-16E-Instruct", "llama-4-scout-17b-16e-instruct-fp8"],
    ["Qwen/Qwen2.5-7B-Instruct", "qwen/qwen-2.5-7b-instruct"],
    ["Qwen/Qwen2.5-7B-Instruct", "qwen2-5-7b-instruct"],
    ["claude-sonnet-4-6", "anthropic/claude-sonnet-4.6"],
    ["gpt-4o-2024-11-20", "openai/gpt-4o-2024-11-20"],
    ["mistral-large-2407", "mistralai/Mistral-Large-Instruct-2407"],
    ["neuralmagic/Meta-Llama-3.1-8B-Instruct-FP8", "meta-llama/Llama-3.1-8B-Instruct"],
    ["qwen/qwen3-30b-a3b:free", "Qwen/Qwen3-30B-A3B"],
  ])("%s is the same model as %s", (a, b) => {
    expect(parseModelId(a).identityKey).toBe(parseModelId(b).identityKey);
  });

  it.each([
    // recorded, candidate, same line
    ["gpt-4o-2024-05-13", "gpt-4o-2024-11-20", true],
    ["gpt-4o-2024-05-13", "gpt-4o-mini-2024-07-18", false],
    ["gpt-4o-2024-05-13", "gpt-4o-audio-preview-2024-10-01", false],
    ["gpt-4o-2024-05-13", "chatgpt-4o-latest", false],
    ["gpt-4o-2024-05-13", "gpt-4.1-2025-04-14", false],
    ["gpt-4-0314", "gpt-4-32k-0314", false],
    ["gpt-3.5-turbo-1106", "gpt-3.5-turbo-instruct-0914", false],
    ["claude-3-5-sonnet-20241022", "claude-sonnet-4-5-20250929", true],
    ["claude-3-5-sonnet-20241022", "claude-3-5-haiku-20241022", false],
    ["gemini-1.5-pro-001", "gemini-2.5-pro", true],
    ["gemini-2.0-flash-lite-001", "gemini-2.5-flash", false],
    ["gemini-1.5-flash-002", "gemini-1.5-flash-8b-001", false],
    ["mistral-large-2402", "mistral-large-2512", true],
    ["mistral-large-2402", "pixtral-large-2411", false],
    ["mistral-small-2402", "mistral-medium-2505", false],
    ["mistralai/Mistral-7B-Instruct-v0.1", "mistralai/Mistral-7B-v0.1", false],
    ["mistralai/Mistral-7B-Instruct-v0.1", "mistralai/Mistral-Nemo-Instruct-2407", false],
    ["meta-llama/Llama-3.1-8B-Instruct", "meta-llama/Llama-3.2-3B-Instruct", false],
    ["meta-llama/Llama-3.1-8B-Instruct", "meta-llama/Llama-3.2-11B-Vision-Instruct", false],
    ["Qwen/Qwen2-7B-Instruct", "Qwen/Qwen2.5-7B-Instruct", true],
    ["Qwen/Qwen2-7B-Instruct", "Qwen/Qwen2.5-Coder-7B-Instruct", false],
    ["Qwen/Qwen2-7B-Instruct", "Qwen/Qwen2-VL-7B-Instruct", false],
    ["Qwen/Qwen2.5-32B-Instruct", "Qwen/Qwen3-32B", true],
    ["Qwen/Qwen2.5-32B-Instruct", "Qwen/Qwen3-30B-A3B", false],
    ["Qwen/Qwen2.5-32B-Instruct", "Qwen/QwQ-32B", false],
    ["google/gemma-2-27b-it", "google/medgemma-27b-text-it", false],
    ["deepseek-ai/DeepSeek-V3", "deepseek-ai/DeepSeek-V3.1-Terminus", true],
    ["deepseek-ai/DeepSeek-V3", "deepseek-ai/DeepSeek-R1-0528", false],
    ["deepseek-ai/DeepSeek-V3", "deepseek-ai/DeepSeek-V4-Pro", false],
    ["deepseek-ai/DeepSeek-V3", "nex-agi/DeepSeek-V3.1-Nex-N1", false],
    ["microsoft/Phi-3-mini-4k-instruct", "microsoft/Phi-4-mini-instruct", true],
    ["microsoft/Phi-3-mini-4k-instruct", "microsoft/Phi-3-medium-4k-instruct", false],
    ["microsoft/Phi-3-mini-4k-instruct", "microsoft/Phi-3.5-MoE-instruct", false],
  ])("%s and %s on one line: %s", (a, b, same) => {
    expect(sameLine(parseModelId(a), parseModelId(b))).toBe(same);
  });
});
