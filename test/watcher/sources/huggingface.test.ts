import { describe, expect, it } from "vitest";
import { HF_API_URL, huggingFaceSource } from "../../../src/watcher/sources/huggingface.js";
import { fakeFetch, jsonResponse, readCatalog } from "../fake-fetch.js";

const samples = readCatalog("provider-api-samples.json") as { huggingface_api_models: { response: unknown } };
const llamaRows = samples.huggingface_api_models.response;

describe("Hugging Face source", () => {
  it("asks once per author of the recorded Hugging Face ids and parses the recorded answer", async () => {
    const { fetch, calls } = fakeFetch((url) => jsonResponse(url.searchParams.get("author") === "meta-llama" ? llamaRows : []));
    const recordedIds = ["meta-llama/Llama-3.1-8B-Instruct", "Meta-Llama/Llama-3.2-3B", "Qwen/Qwen2-7B-Instruct", "gpt-4o"];
    const records = await huggingFaceSource().fetchModels({ fetch, timeoutMs: 1000, recordedIds });
    expect(calls.map((c) => new URL(c.url).searchParams.get("author"))).toEqual(["meta-llama", "Qwen"]);
    expect(calls[0]!.url.startsWith(`${HF_API_URL}?`)).toBe(true);
    expect(new URL(calls[0]!.url).searchParams.get("sort")).toBe("createdAt");
    expect(records).toEqual([
      {
        id: "meta-llama/Llama-3.1-8B-Instruct",
        provider: "meta-llama",
        releaseDate: "2024-07-18",
        releaseDateSource: "huggingface createdAt",
        source: "huggingface",
      },
    ]);
  });

  it("warns about a failing author and keeps the others", async () => {
    const { fetch } = fakeFetch((url) =>
      url.searchParams.get("author") === "Qwen" ? new Response("busy", { status: 429 }) : jsonResponse(llamaRows),
    );
    const warnings: string[] = [];
    const records = await huggingFaceSource().fetchModels({
      fetch,
      timeoutMs: 1000,
      recordedIds: ["meta-llama/Llama-3.1-8B-Instruct", "Qwen/Qwen2-7B-Instruct"],
      warn: (m) => warnings.push(m),
    });
    expect(records.map((r) => r.id)).toEqual(["meta-llama/Llama-3.1-8B-Instruct"]);
    expect(warnings).toEqual([expect.stringMatching(/^huggingface: GET .*author=Qwen.* failed: HTTP 429/)]);
  });

  it("fails when every author fails, and asks nothing without Hugging Face ids", async () => {
    const failing = fakeFetch(() => new Response("down", { status: 502 }));
    await expect(
      huggingFaceSource().fetchModels({ fetch: failing.fetch, timeoutMs: 1000, recordedIds: ["Qwen/Qwen3-8B"] }),
    ).rejects.toThrow(/huggingface: GET .* failed: HTTP 502/);
    const idle = fakeFetch(() => jsonResponse([]));
    await expect(huggingFaceSource().fetchModels({ fetch: idle.fetch, timeoutMs: 1000, recordedIds: ["gpt-4o"] })).resolves.toEqual([]);
    expect(idle.calls).toEqual([]);
  });
});
