import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { catalogShape, runModelsNewer } from "../../src/cli/models-newer.js";
import { runCli } from "../cli/run-cli.js";
import { BUNDLED_CATALOG, CATALOGS, readCatalog } from "./fake-fetch.js";

const OPENROUTER = fileURLToPath(new URL("openrouter-models-2026-05-15.json", CATALOGS));
const MODELS_DEV = fileURLToPath(BUNDLED_CATALOG);

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runModelsNewer(args, { stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
  return { code, stdout: out.join("\n"), stderr: err };
}

function tempFile(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "models-newer-")), name);
  writeFileSync(file, text);
  return file;
}

describe("runModelsNewer", () => {
  it("prints help", async () => {
    const { code, stdout } = await run("--help");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: cli models newer MODEL_ID \[--catalog FILE\]\.\.\. \[--policy POLICY\] \[--json\]/);
  });

  it("answers from the bundled catalog as JSON, oldest first", async () => {
    const { code, stdout, stderr } = await run("claude-3-5-haiku-20241022", "--json");
    expect(code).toBe(0);
    expect(stderr).toEqual([]);
    expect(JSON.parse(stdout)).toEqual({
      model: "claude-3-5-haiku-20241022",
      newer: [{ id: "claude-haiku-4-5-20251001", releaseDate: "2025-10-01", source: "bundled" }],
    });
  });

  it("uses only the given catalogs, whatever their shape", async () => {
    const { stdout } = await run("gemini-2.0-flash-lite-001", "--catalog", OPENROUTER, "--catalog", MODELS_DEV, "--json");
    expect(JSON.parse(stdout)).toEqual({
      model: "gemini-2.0-flash-lite-001",
      newer: [
        { id: "gemini-2.5-flash-lite", releaseDate: "2025-06-17", source: MODELS_DEV },
        { id: "gemini-3.1-flash-lite", releaseDate: "2026-05-07", source: MODELS_DEV },
      ],
    });
    const onlyOpenRouter = JSON.parse((await run("claude-sonnet-4-0", "--catalog", OPENROUTER, "--json")).stdout);
    expect(onlyOpenRouter.newer.map((v: { id: string }) => v.id)).toEqual(["anthropic/claude-sonnet-4.5", "anthropic/claude-sonnet-4.6"]);
  });

  it("says so in text, with the retirement warning a catalog gives", async () => {
    const { code, stdout } = await run("google/gemini-2.0-flash-lite-001", "--catalog", OPENROUTER);
    expect(code).toBe(0);
    expect(stdout.split("\n")).toEqual([
      "Newer versions of google/gemini-2.0-flash-lite-001, oldest first:",
      `  google/gemini-2.5-flash-lite  2025-07-22  (${OPENROUTER})`,
      `  google/gemini-3.1-flash-lite  2026-05-07  (${OPENROUTER})`,
      `Warning: google/gemini-2.0-flash-lite-001 is deprecated, retirement 2026-06-01 (per ${OPENROUTER}).`,
    ]);
    expect((await run("gpt-4.1-2025-04-14")).stdout).toMatch(/^No newer version of gpt-4.1-2025-04-14 in \d+ catalog models\./);
    expect((await run("gpt-9-2030-01-01")).stdout).toMatch(
      /\nNote: gpt-9-2030-01-01 itself is not in the catalog; compared by its id alone\.$/,
    );
  });

  it("follows the policy it is given", async () => {
    const newer = async (...args: string[]) =>
      JSON.parse((await run("gpt-4o-2024-11-20", "--json", ...args)).stdout).newer.map((v: { id: string }) => v.id);
    expect(await newer()).toEqual([]);
    expect(await newer("--policy", "product-line")).toEqual(["gpt-4.1", "gpt-5", "gpt-5.1", "gpt-5.2", "gpt-5.4", "gpt-5.5"]);
    expect((await run("gpt-4o", "--policy", "loose")).stderr).toEqual([
      "models newer: --policy: unknown loose (known: strict, line, product-line, previews; e.g. product-line,previews)",
    ]);
  });

  it("exits 2 with one line per problem", async () => {
    const notJson = tempFile("broken.json", "{");
    const otherShape = tempFile("other.json", JSON.stringify({ hello: "world" }));
    const { code, stdout, stderr } = await run("--catalog", "/nonexistent/api.json", "--catalog", notJson, "--catalog", otherShape);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toEqual([
      "models newer: give the MODEL_ID to look up (try --help)",
      "models newer: cannot read catalog /nonexistent/api.json: ENOENT",
      expect.stringMatching(/^models newer: cannot read catalog .*broken\.json: invalid JSON/),
      `models newer: ${otherShape} is neither a models.dev api.json nor an OpenRouter /api/v1/models body`,
    ]);
    expect((await run("a", "b")).stderr).toEqual(["models newer: give one MODEL_ID, not 2"]);
    expect((await run("gpt-4o", "--frobnicate")).code).toBe(2);
  });
});

describe("catalogShape", () => {
  it.each([
    [readCatalog("openrouter-models-2026-05-15.json"), "openrouter"],
    [{ openai: { id: "openai", models: {} } }, "models.dev"],
    [[], null],
    [{ data: "x" }, null],
    ["text", null],
  ])("%#: %s", (body, expected) => {
    expect(catalogShape(body)).toBe(expected);
  });
});

describe("models newer through the command line", () => {
  it("prints only the JSON answer on stdout", async () => {
    const { code, stdout, stderr } = await runCli(["models", "newer", "mistral-large-2402", "--json"]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(JSON.parse(stdout)).toEqual({
      model: "mistral-large-2402",
      newer: [
        { id: "mistral-large-2411", releaseDate: "2024-11-18", source: "bundled" },
        { id: "mistral-large-2512", releaseDate: "2025-12", source: "bundled" },
      ],
    });
  });

  it("exits 2 on bad input", async () => {
    expect(await runCli(["models", "newer", "--json"])).toEqual({
      code: 2,
      stdout: "",
      stderr: "models newer: give the MODEL_ID to look up (try --help)\n",
    });
  });
});
