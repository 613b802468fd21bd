import { z } from "zod";
import { type CatalogSource, CatalogSourceError, fetchJson, parseShape, type SourceContext, validItems } from "../catalog-source.js";
import { catalogRecord, type ModelRecord } from "../model-record.js";

export const HF_API_URL = "https://huggingface.co/api/models";

/** The fields we use of one repo in `GET /api/models` (default fields). */
export const HuggingFaceModel = z.object({
  id: z.string().regex(/^[^/]+\/[^/]+$/),
  createdAt: z.string().optional(),
});
export type HuggingFaceModel = z.infer<typeof HuggingFaceModel>;

/** Queries the Hub once per author of the recorded `author/repo` ids, newest repos first. */
export function huggingFaceSource(baseUrl: string = HF_API_URL): CatalogSource {
  return {
    name: "huggingface",
    fetchModels: async (ctx) => {
      const authors = recordedAuthors(ctx.recordedIds);
      const results = await Promise.allSettled(authors.map((author) => fetchAuthor(baseUrl, author, ctx)));
      const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      if (failed.length > 0 && failed.length === results.length) throw failed[0]!.reason;
      for (const failure of failed) ctx.warn?.((failure.reason as Error).message);
      return results.flatMap((r) => (r.status === "fulfilled" ? r.value : []));
    },
  };
}

export function parseHuggingFace(body: unknown, source: string): ModelRecord[] {
  return validItems(HuggingFaceModel, parseShape(source, z.array(z.unknown()), body)).map((model) =>
    catalogRecord({
      id: model.id,
      provider: model.id.slice(0, model.id.indexOf("/")),
      source,
      date: model.createdAt,
      dateSource: "huggingface createdAt",
    }),
  );
}

function recordedAuthors(ids: readonly string[]): string[] {
  const authors = new Map<string, string>();
  for (const id of ids) {
    const match = /^([\w.-]+)\/[\w.-]+$/.exec(id.trim());
    if (match && !authors.has(match[1]!.toLowerCase())) authors.set(match[1]!.toLowerCase(), match[1]!);
  }
  return [...authors.values()];
}

async function fetchAuthor(baseUrl: string, author: string, ctx: SourceContext): Promise<ModelRecord[]> {
  const url = `${baseUrl}?${new URLSearchParams({ author, sort: "createdAt", direction: "-1", limit: "1000" })}`;
  try {
    return parseHuggingFace(await fetchJson("huggingface", url, ctx), "huggingface");
  } catch (error) {
    throw error instanceof CatalogSourceError ? error : new CatalogSourceError(`huggingface: ${author}: ${String(error)}`);
  }
}
