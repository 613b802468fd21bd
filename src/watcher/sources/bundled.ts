import { readFile } from "node:fs/promises";
import type { CatalogSource } from "../catalog-source.js";
import type { ModelRecord } from "../model-record.js";
import { parseModelsDev } from "./models-dev.js";

/** The repo's copy of models.dev `api.json`: answers offline, and when every remote source fails. */
export const BUNDLED_CATALOG_URL = new URL("../catalog/models-dev-api.json", import.meta.url);
/** The day the bundled copy was taken from models.dev (its commit f3fc692): what its prices are "as of". */
export const BUNDLED_CATALOG_READ_ON = "2026-07-02";

export function bundledSource(file: URL = BUNDLED_CATALOG_URL): CatalogSource {
  return { name: "bundled", fetchModels: () => loadBundledCatalog(file) };
}

export async function loadBundledCatalog(file: URL = BUNDLED_CATALOG_URL): Promise<ModelRecord[]> {
  return parseModelsDev(JSON.parse(await readFile(file, "utf8")) as unknown, "bundled");
}
