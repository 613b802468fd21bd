import { readdirSync, readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { CONTRACT_FIELDS } from "../engine/contract-fields.js";
import { runCli } from "./run-cli.js";

describe("cli", () => {
  it("--help lists the commands and exits 0", async () => {
    const run = await runCli(["--help"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(/^Usage: npm run --silent cli -- COMMAND/);
    expect(run.stdout).toMatch(/^ {2}assess \[--json\] FILE\|-/m);
    expect(run.stdout).toMatch(/^ {2}schema /m);
  });

  it("schema prints a draft 2020-12 JSON Schema of every Answers field that accepts the fixtures", async () => {
    const run = await runCli(["schema"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    const schema = JSON.parse(run.stdout) as { $schema: string; properties: Record<string, { properties?: Record<string, unknown> }> };
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    const listed = Object.entries(schema.properties).flatMap(([key, sub]) => [
      key,
      ...Object.keys(sub.properties ?? {}).map((k) => `${key}.${k}`),
    ]);
    expect(listed.sort()).toEqual(CONTRACT_FIELDS.map(([path]) => path).sort());

    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
    const dir = new URL("../fixtures/answers/", import.meta.url);
    const fixtures = readdirSync(dir).filter((f) => f.endsWith(".json"));
    expect(fixtures.length).toBeGreaterThanOrEqual(5);
    for (const file of fixtures) {
      const answers = JSON.parse(readFileSync(new URL(file, dir), "utf8")) as Record<string, unknown>;
      expect(validate(answers), `${file}: ${JSON.stringify(validate.errors)}`).toBe(true);
      expect(validate({ ...answers, colour: "blue" })).toBe(false);
      expect(validate({ ...answers, gaps: [] })).toBe(false);
      expect(validate({ ...answers, tasksServed: 0 })).toBe(false);
    }
  });
});
