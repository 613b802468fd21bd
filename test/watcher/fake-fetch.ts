import { readFileSync } from "node:fs";

export const CATALOGS = new URL("../fixtures/catalogs/", import.meta.url);
export const BUNDLED_CATALOG = new URL("../../src/watcher/catalog/models-dev-api.json", import.meta.url);

export function readCatalog(name: string): unknown {
  return JSON.parse(readFileSync(new URL(name, CATALOGS), "utf8")) as unknown;
}

export interface FetchCall {
  url: string;
  headers: Record<string, string>;
}

/** A fetch that answers each URL through `respond` and records what was asked. */
export function fakeFetch(respond: (url: URL) => Response | Promise<Response>): { fetch: typeof fetch; calls: FetchCall[] } {
  const calls: FetchCall[] = [];
  const fake = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = String(input instanceof Request ? input.url : input);
    calls.push({ url, headers: Object.fromEntries(new Headers(init?.headers).entries()) });
    return respond(new URL(url));
  };
  return { fetch: fake as typeof fetch, calls };
}

export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

/** A fetch that never answers, and rejects as real fetch does when its signal aborts. */
export const hangingFetch = ((_input: unknown, init?: RequestInit) =>
  new Promise<Response>((_resolve, reject) => {
    init?.signal?.addEventListener("abort", () => reject(init.signal!.reason));
  })) as typeof fetch;
