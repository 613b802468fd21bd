import { describe, expect, it } from "vitest";
import { parseModelId } from "../../src/watcher/parse-model-id.js";
import { readProviderId } from "../../src/watcher/provider-id.js";

describe("readProviderId", () => {
  it.each([
    // id, name, org
    ["us.anthropic.claude-3-5-sonnet-20241022-v2:0", "claude-3-5-sonnet-20241022", "anthropic"],
    ["anthropic.claude-3-haiku-20240307-v1:0", "claude-3-haiku-20240307", "anthropic"],
    ["meta.llama3-70b-instruct-v1:0", "llama3-70b-instruct", "meta"],
    ["mistral.mistral-7b-instruct-v0:2", "mistral-7b-instruct-v0.2", "mistral"],
    ["openai.gpt-oss-120b-1:0", "gpt-oss-120b", "openai"],
    ["bedrock/eu.mistral.pixtral-large-2502-v1:0", "pixtral-large-2502", "mistral"],
    ["vertex_ai/claude-3-5-sonnet@20240620", "claude-3-5-sonnet@20240620", null],
    ["vertex_ai/mistralai/mistral-medium-3", "mistral-medium-3", "mistralai"],
    ["publishers/google/models/gemini-2.5-pro", "gemini-2.5-pro", "google"],
    ["azure/gpt-35-turbo-0613", "gpt-35-turbo-0613", null],
    ["models/gemini-1.5-pro-002", "gemini-1.5-pro-002", null],
    ["meta-llama/Llama-3.1-8B-Instruct", "llama-3.1-8b-instruct", "meta-llama"],
    ["gpt-3.5-turbo-0125", "gpt-3.5-turbo-0125", null],
  ])("%s → %s (%s)", (id, name, org) => {
    expect(readProviderId(id)).toMatchObject({ name, org });
  });
});

describe("cloud and router ids name the vendor's model", () => {
  it.each([
    ["us.anthropic.claude-3-5-sonnet-20241022-v2:0", "claude-3-5-sonnet-20241022"],
    ["global.anthropic.claude-sonnet-4-5-20250929-v1:0", "claude-sonnet-4-5-20250929"],
    ["vertex_ai/claude-3-5-sonnet-v2@20241022", "claude-3-5-sonnet-20241022"],
    ["vertex_ai/claude-opus-4-1@20250805", "claude-opus-4-1-20250805"],
    ["meta.llama3-70b-instruct-v1:0", "meta-llama/Meta-Llama-3-70B-Instruct"],
    ["us.meta.llama3-1-8b-instruct-v1:0", "meta-llama/Llama-3.1-8B-Instruct"],
    ["mistral.mistral-large-2402-v1:0", "mistral-large-2402"],
    ["mistral.mistral-7b-instruct-v0:2", "mistralai/Mistral-7B-Instruct-v0.2"],
    ["qwen.qwen3-32b-v1:0", "Qwen/Qwen3-32B"],
    ["us.deepseek.r1-v1:0", "deepseek-ai/DeepSeek-R1"],
    ["openai.gpt-oss-120b-1:0", "openai/gpt-oss-120b"],
    ["azure/gpt-35-turbo-0613", "gpt-3.5-turbo-0613"],
    ["azure/gpt-4o-2024-08-06", "gpt-4o-2024-08-06"],
    ["anthropic/claude-3.5-haiku", "claude-3-5-haiku-latest"],
    ["google/gemini-2.0-flash-001", "gemini-2.0-flash-001"],
  ])("%s is %s", (a, b) => {
    expect(parseModelId(a).identityKey).toBe(parseModelId(b).identityKey);
  });

  it.each([
    // Bedrock's -v1:0 is its listing; a v0.x is the model's own version.
    ["mistral.mistral-7b-instruct-v0:2", "mistralai/Mistral-7B-Instruct-v0.3"],
    ["us.anthropic.claude-3-5-sonnet-20241022-v2:0", "claude-3-5-sonnet-20240620"],
    ["azure/gpt-35-turbo-0613", "gpt-3.5-turbo-1106"],
  ])("%s is not %s", (a, b) => {
    expect(parseModelId(a).identityKey).not.toBe(parseModelId(b).identityKey);
  });
});
