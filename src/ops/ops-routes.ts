import type { IncomingMessage, ServerResponse } from "node:http";
import type { Registry } from "prom-client";
import type { Readiness } from "./readiness.js";

export interface OpsRoutesDeps {
  readiness: Readiness;
  registry: Registry;
  /** Masks secrets in what /readyz says (a check's error may quote a URL). */
  redact: (text: string) => string;
}

/** Answers a request for one of the operations endpoints; returns false, untouched, for any other request. */
export type OpsRoutes = (req: IncomingMessage, res: ServerResponse) => boolean;

/**
 * GET /healthz: the process is alive (no dependency is asked). /health is its older name.
 * GET /readyz: 200 when the database is writable and Slack answers (and the app is not stopping), else 503; JSON.
 * GET /metrics: Prometheus text format.
 */
export function opsRoutes(deps: OpsRoutesDeps): OpsRoutes {
  return (req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (path === "/healthz" || path === "/health") {
      res.writeHead(200, { "content-type": "text/plain; charset=utf-8" }).end("ok");
      return true;
    }
    if (path === "/readyz") {
      answer(res, async () => {
        const report = await deps.readiness.report();
        return { status: report.ready ? 200 : 503, type: "application/json", body: deps.redact(JSON.stringify(report)) };
      });
      return true;
    }
    if (path === "/metrics") {
      answer(res, async () => ({ status: 200, type: deps.registry.contentType, body: await deps.registry.metrics() }));
      return true;
    }
    return false;
  };
}

function answer(res: ServerResponse, build: () => Promise<{ status: number; type: string; body: string }>): void {
  build().then(
    ({ status, type, body }) => res.writeHead(status, { "content-type": type, "cache-control": "no-store" }).end(body),
    (error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" }).end(`error: ${(error as Error).message}`);
    },
  );
}
