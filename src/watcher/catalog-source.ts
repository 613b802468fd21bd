import type { z } from "zod";
import type { ModelRecord } from "./model-record.js";

export interface SourceContext {
  fetch: typeof fetch;
  /** Per request. */
  timeoutMs: number;
  /** Base-model ids on record: the Hugging Face source asks for their authors' models. */
  recordedIds: readonly string[];
  /** Problems that cost part of a source's answer without failing it (one Hugging Face author, say). */
  warn?: (message: string) => void;
}

/** One model catalog: turns a vendor's JSON into shared records. */
export interface CatalogSource {
  readonly name: string;
  fetchModels(ctx: SourceContext): Promise<ModelRecord[]>;
}

/** A source that could not answer: HTTP error, timeout, bad JSON or an unexpected shape. */
export class CatalogSourceError extends Error {
  override name = "CatalogSourceError";
}

/** GETs JSON with a timeout; every failure names the source and the URL. */
export async function fetchJson(
  source: string,
  url: string,
  ctx: Pick<SourceContext, "fetch" | "timeoutMs">,
  headers: Record<string, string> = {},
): Promise<unknown> {
  const fail = (why: string) => new CatalogSourceError(`${source}: GET ${url} ${why}`);
  let text: string;
  try {
    const response = await ctx.fetch(url, {
      headers: { accept: "application/json", ...headers },
      signal: AbortSignal.timeout(ctx.timeoutMs),
    });
    if (!response.ok) throw fail(`failed: HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`);
    text = await response.text();
  } catch (error) {
    if (error instanceof CatalogSourceError) throw error;
    const name = (error as Error).name;
    if (name === "TimeoutError" || name === "AbortError") throw fail(`timed out after ${ctx.timeoutMs} ms`);
    throw fail(`failed: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw fail("returned invalid JSON");
  }
}

/** Parses the part of a response a source relies on, or throws naming the source. */
export function parseShape<S extends z.ZodType>(source: string, schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join(".")}` : "";
    throw new CatalogSourceError(`${source}: unexpected response shape${where}: ${issue?.message ?? "invalid"}`);
  }
  return result.data;
}

/** Keeps the items that fit the schema: one malformed model never sinks a catalog. */
export function validItems<S extends z.ZodType>(schema: S, items: readonly unknown[]): z.infer<S>[] {
  const out: z.infer<S>[] = [];
  for (const item of items) {
    const result = schema.safeParse(item);
    if (result.success) out.push(result.data);
  }
  return out;
}

/** Runs every source; a failing one is reported through `warn` and skipped. */
export async function fetchAllSources(sources: readonly CatalogSource[], ctx: SourceContext): Promise<ModelRecord[]> {
  const results = await Promise.allSettled(sources.map((source) => source.fetchModels(ctx)));
  return results.flatMap((result, i) => {
    if (result.status === "fulfilled") return result.value;
    ctx.warn?.(`catalog source ${sources[i]!.name} skipped: ${(result.reason as Error).message}`);
    return [];
  });
}
