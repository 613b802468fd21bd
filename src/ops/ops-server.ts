import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { OpsRoutes } from "./ops-routes.js";

export interface OpsServer {
  port: number;
  close: () => Promise<void>;
}

/** A small HTTP server for the operations endpoints alone (Socket Mode, or HEALTH_PORT apart from PORT). */
export async function startOpsServer(port: number, routes: OpsRoutes): Promise<OpsServer> {
  const server = createServer((req, res) => {
    if (!routes(req, res)) res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found");
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
