import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLOSED_MODEL_PROVIDERS } from "../../src/engine/provider-facts.js";
import { RULE_IDS, WARNING_CODES } from "../../src/engine/verdict.js";

// docs/decision-rules.md is the project's own account of the rules: the reasons and the code comments point into it.

const ROOT = new URL("../../", import.meta.url).pathname;
const DOC = readFileSync(join(ROOT, "docs/decision-rules.md"), "utf8");

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
const ANCHORS = new Set(
  [...DOC.matchAll(/^#{1,6} (.+)$/gm)].map((m) =>
    m[1]!
      .toLowerCase()
      .replace(/[^\w\s-]/g, "")
      .trim()
      .replace(/\s/g, "-"),
  ),
);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "fixtures" || name === "catalog" ? [] : sourceFiles(path);
    return path.endsWith(".ts") ? [path] : [];
  });
}

const FILES = ["src", "bench", "scripts", "test"].flatMap((d) => sourceFiles(join(ROOT, d)));

describe("docs/decision-rules.md", () => {
  it.each(RULE_IDS.map((id) => [id]))("has the heading %s that reasons point to", (id) => {
    expect(ANCHORS).toContain(id);
  });

  it("describes every warning code and every provider of the facts table", () => {
    for (const code of WARNING_CODES) expect(DOC).toContain(`\`${code}\``);
    for (const p of CLOSED_MODEL_PROVIDERS) expect(DOC).toMatch(new RegExp(`^\\| ${p.provider} \\|`, "m"));
  });

  it("resolves every anchor a code comment points to", () => {
    const broken: string[] = [];
    for (const file of FILES) {
      readFileSync(file, "utf8")
        .split("\n")
        .forEach((line, i) => {
          if (!/^\s*(\/\/|\*|\/\*\*)/.test(line) && !line.includes("docs/decision-rules.md")) return;
          for (const m of line.matchAll(/(?:docs\/decision-rules\.md|\s|,)#([a-z][a-z0-9-]*[a-z0-9])/g)) {
            if (!ANCHORS.has(m[1]!)) broken.push(`${file.slice(ROOT.length)}:${i + 1} #${m[1]}`);
          }
        });
    }
    expect(broken.filter((b) => !b.includes("emulator-world"))).toEqual([]);
  });

  it("is what comments cite, never a file outside the repository", () => {
    const outside = FILES.filter((f) => !f.endsWith("docs.test.ts")).flatMap((file) =>
      readFileSync(file, "utf8")
        .split("\n")
        .map((line, i) => [line, i] as const)
        .filter(([line]) => /DECISION-RULES/.test(line) || /shared\/framework|\bseeds? 00\d/i.test(line))
        .map(([, i]) => `${file.slice(ROOT.length)}:${i + 1}`),
    );
    expect(outside).toEqual([]);
  });
});
