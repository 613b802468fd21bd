import { describe, expect, it } from "vitest";
import { type CatalogSource, CatalogSourceError, fetchAllSources, fetchJson } from "../../src/watcher/catalog-source.js";
import { fakeFetch, hangingFetch, jsonResponse } from "./fake-fetch.js";

const URL_ = "https://catalog.example/api.json";

describe("fetchJson", () => {
  it("returns the parsed body and sends the given headers", async () => {
    const { fetch, calls } = fakeFetch(() => jsonResponse({ ok: 1 }));
    await expect(fetchJson("demo", URL_, { fetch, timeoutMs: 1000 }, { "x-api-key": "k" })).resolves.toEqual({ ok: 1 });
    expect(calls[0]?.headers["x-api-key"]).toBe("k");
  });

  it("names the source and URL when the request times out", async () => {
    const started = Date.now();
    await expect(fetchJson("demo", URL_, { fetch: hangingFetch, timeoutMs: 30 })).rejects.toThrow(
      new CatalogSourceError(`demo: GET ${URL_} timed out after 30 ms`),
    );
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("names the source, URL and status on a non-2xx answer", async () => {
    const { fetch } = fakeFetch(() => new Response("nope", { status: 503, statusText: "Service Unavailable" }));
    await expect(fetchJson("demo", URL_, { fetch, timeoutMs: 1000 })).rejects.toThrow(
      `demo: GET ${URL_} failed: HTTP 503 Service Unavailable`,
    );
  });

  it("rejects a body that is not JSON", async () => {
    const { fetch } = fakeFetch(() => new Response("<html>rate limited</html>"));
    await expect(fetchJson("demo", URL_, { fetch, timeoutMs: 1000 })).rejects.toThrow(`demo: GET ${URL_} returned invalid JSON`);
  });

  it("reports a network failure", async () => {
    const { fetch } = fakeFetch(() => Promise.reject(new TypeError("fetch failed")));
    await expect(fetchJson("demo", URL_, { fetch, timeoutMs: 1000 })).rejects.toThrow(`demo: GET ${URL_} failed: fetch failed`);
  });
});

describe("fetchAllSources", () => {
  it("logs and skips a failing source", async () => {
    const good: CatalogSource = {
      name: "good",
      fetchModels: async () => [{ id: "m", provider: "p", releaseDate: null, releaseDateSource: "none", source: "good" }],
    };
    const bad: CatalogSource = { name: "bad", fetchModels: () => Promise.reject(new Error("bad: GET x failed: HTTP 500")) };
    const warnings: string[] = [];
    const records = await fetchAllSources([bad, good], {
      fetch: hangingFetch,
      timeoutMs: 10,
      recordedIds: [],
      warn: (m) => warnings.push(m),
    });
    expect(records.map((r) => r.id)).toEqual(["m"]);
    expect(warnings).toEqual(["catalog source bad skipped: bad: GET x failed: HTTP 500"]);
  });
});
