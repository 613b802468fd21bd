import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

type ModelsDev = Record<string, { id: string; name: string; models: Record<string, unknown> }>;

/** A slice of the bundled (real, recorded) models.dev catalog: these providers, these model ids. */
export function modelsDevSlice(pick: Record<string, string[]>): ModelsDev {
  const all = JSON.parse(readFileSync(new URL("../../src/watcher/catalog/models-dev-api.json", import.meta.url), "utf8")) as ModelsDev;
  const slice: ModelsDev = {};
  for (const [provider, ids] of Object.entries(pick)) {
    const source = all[provider];
    if (!source) throw new Error(`no provider ${provider} in the bundled catalog`);
    const models = Object.fromEntries(
      ids.map((id) => {
        const record = source.models[id];
        if (!record) throw new Error(`no model ${provider}/${id} in the bundled catalog`);
        return [id, record];
      }),
    );
    slice[provider] = { ...source, models };
  }
  return slice;
}

/** Serves a catalog as models.dev's /api.json on 127.0.0.1, counting requests; `fail` makes it answer 500. */
export class CatalogServer {
  requests = 0;
  fail = false;
  private constructor(
    private readonly server: Server,
    public body: unknown,
  ) {}

  static async start(body: unknown): Promise<CatalogServer> {
    const server = createServer();
    const catalog = new CatalogServer(server, body);
    server.on("request", (_req, res) => {
      catalog.requests++;
      if (catalog.fail) return void res.writeHead(500).end("catalog down");
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(catalog.body));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return catalog;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api.json`;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
