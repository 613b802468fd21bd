import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { buildCatalogIndex, lookupModel } from "../watcher/catalog-index.js";
import { findLifecycle, findNewerVersions } from "../watcher/compare.js";
import { DEFAULT_LINEAGE_POLICY, type LineagePolicy, parseLineagePolicy } from "../watcher/lineage-policy.js";
import type { ModelRecord } from "../watcher/model-record.js";
import { loadBundledCatalog } from "../watcher/sources/bundled.js";
import { parseModelsDev } from "../watcher/sources/models-dev.js";
import { parseOpenRouter } from "../watcher/sources/openrouter.js";
import { type CliIo, EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from "./io.js";

export const MODELS_NEWER_HELP = `Usage: cli models newer MODEL_ID [--catalog FILE]... [--policy POLICY] [--json]

Lists the newer versions of one base model, oldest first: same vendor, line or tier, variant and size,
stable releases only (unless MODEL_ID is a preview), later by the date in the id or the catalog's date.
Without --catalog it answers offline from the bundled models.dev catalog.

  --catalog FILE   use only this catalog (repeatable): a models.dev api.json or an OpenRouter
                   /api/v1/models body, recognised from its content
  --policy POLICY  which models count as newer: strict, line (default) or product-line, optionally
                   followed by ,previews (as MODEL_WATCH_POLICY; see docs/model-watch.md)
  --json           print {"model", "newer": [{"id", "releaseDate", "source"}]} and nothing else
  --help           show this help

Exit codes: 0 answered (even with no newer version); 1 the bundled catalog cannot be read;
2 missing MODEL_ID, unknown option, unreadable or unrecognised catalog (one line per problem).`;

type Io = Pick<CliIo, "stdout" | "stderr">;

function parseOptions(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      catalog: { type: "string", multiple: true },
      policy: { type: "string" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
}

export async function runModelsNewer(args: string[], io: Io): Promise<number> {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(args);
  } catch (error) {
    io.stderr(`models newer: ${(error as Error).message}`);
    return EXIT_USAGE;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(MODELS_NEWER_HELP);
    return EXIT_OK;
  }
  const problems: string[] = [];
  if (positionals.length === 0) problems.push("models newer: give the MODEL_ID to look up (try --help)");
  if (positionals.length > 1) problems.push(`models newer: give one MODEL_ID, not ${positionals.length}`);
  let policy: LineagePolicy = DEFAULT_LINEAGE_POLICY;
  try {
    policy = parseLineagePolicy(values.policy ?? "");
  } catch (error) {
    problems.push(`models newer: --policy: ${(error as Error).message}`);
  }
  const files = values.catalog ?? [];
  const records: ModelRecord[] = [];
  for (const loaded of await Promise.all(files.map((file) => loadCatalogFile(file)))) {
    if (typeof loaded === "string") problems.push(loaded);
    else records.push(...loaded);
  }
  if (problems.length > 0) {
    for (const problem of problems) io.stderr(problem);
    return EXIT_USAGE;
  }
  const modelId = positionals[0]!;
  if (files.length === 0) {
    try {
      records.push(...(await loadBundledCatalog()));
    } catch (error) {
      io.stderr(`models newer: cannot load the bundled catalog: ${(error as Error).message}`);
      return EXIT_FAILURE;
    }
  }
  const index = buildCatalogIndex(records);
  const newer = findNewerVersions(modelId, index, { policy });
  if (values.json) {
    io.stdout(JSON.stringify({ model: modelId, newer }, null, 2));
    return EXIT_OK;
  }
  const lines = newer.length
    ? [`Newer versions of ${modelId}, oldest first:`, ...newer.map((v) => `  ${v.id}  ${v.releaseDate ?? "date unknown"}  (${v.source})`)]
    : [`No newer version of ${modelId} in ${index.size} catalog models.`];
  if (!lookupModel(index, modelId).entry) lines.push(`Note: ${modelId} itself is not in the catalog; compared by its id alone.`);
  const lifecycle = findLifecycle(modelId, index);
  if (lifecycle) {
    const when = lifecycle.retirementDate ? `, retirement ${lifecycle.retirementDate}` : "";
    lines.push(`Warning: ${modelId} is ${lifecycle.status}${when} (per ${lifecycle.source}).`);
  }
  io.stdout(lines.join("\n"));
  return EXIT_OK;
}

/** The records of one --catalog file, or the problem with it. */
async function loadCatalogFile(file: string): Promise<ModelRecord[] | string> {
  let body: unknown;
  try {
    body = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return `models newer: cannot read catalog ${file}: ${code ?? `invalid JSON (${(error as Error).message})`}`;
  }
  const shape = catalogShape(body);
  if (!shape) return `models newer: ${file} is neither a models.dev api.json nor an OpenRouter /api/v1/models body`;
  try {
    return shape === "openrouter" ? parseOpenRouter(body, file) : parseModelsDev(body, file);
  } catch (error) {
    return `models newer: ${(error as Error).message}`;
  }
}

/** OpenRouter answers `{data: [...]}`; models.dev maps provider ids to `{models: {...}}`. */
export function catalogShape(body: unknown): "openrouter" | "models.dev" | null {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return null;
  const data = (body as { data?: unknown }).data;
  if (Array.isArray(data)) return "openrouter";
  const providers = Object.values(body);
  const isProvider = (p: unknown) => typeof p === "object" && p !== null && typeof (p as { models?: unknown }).models === "object";
  return providers.length > 0 && providers.some(isProvider) ? "models.dev" : null;
}
