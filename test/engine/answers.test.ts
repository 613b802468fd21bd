import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Answers, answersJsonSchema, parseAnswers } from "../../src/engine/answers.js";
import { makeAnswers, rawAnswers } from "./answers-factory.js";
import { CONTRACT_FIELDS } from "./contract-fields.js";

type Raw = Record<string, unknown>;

const fullCosts = { trainingUsd: 1000, currentUsdPerMTok: 5, fineTunedUsdPerMTok: 1, hostingUsdPerMonth: 100 };

/** Valid answers with every optional field present, so each path exists to break or remove. */
function fullRaw(): Raw {
  return rawAnswers({ volume: { tokensPerRequest: 500 }, costs: fullCosts, asOf: "2026-06-01" });
}

function setPath(obj: Raw, path: string, value: unknown): Raw {
  const keys = path.split(".");
  let node = obj;
  for (const key of keys.slice(0, -1)) node = node[key] as Raw;
  node[keys.at(-1)!] = value;
  return obj;
}

function deletePath(obj: Raw, path: string): Raw {
  const keys = path.split(".");
  let node = obj;
  for (const key of keys.slice(0, -1)) node = node[key] as Raw;
  delete node[keys.at(-1)!];
  return obj;
}

function problemsOf(input: unknown) {
  const result = parseAnswers(input);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.problems;
}

describe("parseAnswers: accepted answers", () => {
  it("accepts the baseline and returns it unchanged", () => {
    const result = parseAnswers(fullRaw());
    expect(result).toEqual({ ok: true, answers: fullRaw() });
  });

  it.each<[string, Raw]>([
    ["scores at 0 and 100", setPath(setPath(fullRaw(), "evals.baselineScore", 0), "evals.targetScore", 100)],
    ["fractional scores", setPath(setPath(fullRaw(), "evals.baselineScore", 62.5), "evals.targetScore", 99.9)],
    ["zero labelled examples", setPath(fullRaw(), "data.labeledExamples", 0)],
    ["zero requests and tokens", setPath(setPath(fullRaw(), "volume.requestsPerMonth", 0), "volume.tokensPerRequest", 0)],
    ["an empty tried list", setPath(fullRaw(), "tried", [])],
    [
      "every gap kind",
      setPath(fullRaw(), "gaps", [
        "none",
        "knowledge",
        "format",
        "style",
        "domain-behavior",
        "latency-cost",
        "reasoning",
        "hallucination",
        "personality",
        "not-measured",
      ]),
    ],
    ["a 150-character title", setPath(fullRaw(), "title", "t".repeat(150))],
    ["a 200-character base model", setPath(fullRaw(), "baseModel", "m".repeat(200))],
    ["a fractional candidate size", setPath(fullRaw(), "candidateSizeB", 0.5)],
    ["empty costs (every cost is optional)", setPath(fullRaw(), "costs", {})],
    ["zero costs", setPath(fullRaw(), "costs", { trainingUsd: 0, currentUsdPerMTok: 0, fineTunedUsdPerMTok: 0, hostingUsdPerMonth: 0 })],
    ["a leap day", setPath(fullRaw(), "asOf", "2028-02-29")],
    [
      "self-host compliance, weekly change, 12 tasks",
      { ...fullRaw(), compliance: "self-host-required", taskChangeFrequency: "weekly", tasksServed: 12 },
    ],
  ])("accepts %s", (_, input) => {
    expect(parseAnswers(input).ok).toBe(true);
  });

  it.each(CONTRACT_FIELDS.filter(([, required]) => !required).map(([path]) => path))(
    "accepts answers without the optional field %s",
    (path) => {
      expect(parseAnswers(deletePath(fullRaw(), path)).ok).toBe(true);
    },
  );

  it("trims the title and the model ids", () => {
    const result = parseAnswers({ ...fullRaw(), title: "  Triage  ", baseModel: " gpt-4o " });
    expect(result.ok && [result.answers.title, result.answers.baseModel]).toEqual(["Triage", "gpt-4o"]);
  });
});

describe("parseAnswers: one problem per invalid field, naming its path", () => {
  it.each(CONTRACT_FIELDS.filter(([, required]) => required).map(([path]) => path))("a missing required field %s is named", (path) => {
    expect(problemsOf(deletePath(fullRaw(), path))).toEqual([{ path, message: expect.any(String) }]);
  });

  it.each<[path: string, value: unknown, expectedPath?: string]>([
    ["title", ""],
    ["title", "   "],
    ["title", "t".repeat(151)],
    ["title", 42],
    ["task", "poetry"],
    ["task", null],
    ["gaps", []],
    ["gaps", "format"],
    ["gaps", ["format", "vibes"], "gaps.1"],
    ["tried", ["fine-tuning"], "tried.0"],
    ["tried", "few-shot"],
    ["evals", "yes"],
    ["evals.hasEvalSet", "yes"],
    ["evals.hasHeldOutTestSet", 1],
    ["evals.hasPromptedBaseline", null],
    ["evals.baselineScore", -1],
    ["evals.baselineScore", 100.5],
    ["evals.baselineScore", "70"],
    ["evals.targetScore", 101],
    ["evals.targetScore", -0.1],
    ["data", []],
    ["data.labeledExamples", -1],
    ["data.labeledExamples", 199.5],
    ["data.labeledExamples", -1.5],
    ["data.labeledExamples", "1000"],
    ["data.quality", "clean"],
    ["data.versioned", "no"],
    ["volume.requestsPerMonth", -5],
    ["volume.requestsPerMonth", 2.5],
    ["volume.tokensPerRequest", -1],
    ["volume.tokensPerRequest", 0.5],
    ["latencySensitive", "true"],
    ["compliance", "hipaa"],
    ["taskChangeFrequency", "daily"],
    ["tasksServed", 0],
    ["tasksServed", 1.5],
    ["baseModel", ""],
    ["baseModel", "m".repeat(201)],
    ["candidateModel", ""],
    ["candidateModel", 7],
    ["candidateSizeB", 0],
    ["candidateSizeB", -8],
    ["mlopsCapacity", 1],
    ["costs", null],
    ["costs.trainingUsd", -1],
    ["costs.currentUsdPerMTok", "5"],
    ["costs.fineTunedUsdPerMTok", -0.01],
    ["costs.hostingUsdPerMonth", -200],
    ["asOf", "2026-13-01"],
    ["asOf", "2026-02-30"],
    ["asOf", "26-05-07"],
    ["asOf", "2026-05-07T00:00:00Z"],
    ["asOf", 20260507],
  ])("%s = %j is one problem at its path", (path, value, expectedPath = path) => {
    const problems = problemsOf(setPath(fullRaw(), path, value));
    expect(problems).toEqual([{ path: expectedPath, message: expect.any(String) }]);
    expect(problems[0]!.message.length).toBeGreaterThan(0);
  });

  it.each([
    ["colour", "colour"],
    ["evals.notes", "evals.notes"],
    ["data.source", "data.source"],
    ["volume.peakQps", "volume.peakQps"],
    ["costs.gpuUsd", "costs.gpuUsd"],
  ])("an unknown key %s is named as not a known field", (path, expected) => {
    expect(problemsOf(setPath(fullRaw(), path, 1))).toEqual([{ path: expected, message: "is not a known field" }]);
  });

  it("reports every invalid field at once, one problem each", () => {
    const input = fullRaw();
    setPath(input, "title", "");
    setPath(input, "evals.baselineScore", 120);
    setPath(input, "data.labeledExamples", -3);
    setPath(input, "costs.trainingUsd", -1);
    setPath(input, "typo", true);
    deletePath(input, "task");
    const paths = problemsOf(input)
      .map((p) => p.path)
      .sort();
    expect(paths).toEqual(["costs.trainingUsd", "data.labeledExamples", "evals.baselineScore", "task", "title", "typo"]);
  });

  it.each<[string, unknown]>([
    ["null", null],
    ["undefined", undefined],
    ["an array", [makeAnswers()]],
    ["a string", JSON.stringify(makeAnswers())],
    ["a number", 42],
  ])("%s is one problem for the whole object (empty path)", (_, input) => {
    expect(problemsOf(input)).toEqual([{ path: "", message: expect.any(String) }]);
  });
});

describe("parseAnswers never throws", () => {
  const circular: Raw = { ...fullRaw() };
  circular.self = circular;

  it.each<[string, unknown]>([
    ["a circular object", circular],
    ["a bigint count", setPath(fullRaw(), "data.labeledExamples", 10n)],
    ["a symbol", Symbol("answers")],
    ["a function", () => makeAnswers()],
    [
      "NaN and Infinity",
      setPath(setPath(fullRaw(), "evals.baselineScore", Number.NaN), "volume.requestsPerMonth", Number.POSITIVE_INFINITY),
    ],
    ["a Date title", setPath(fullRaw(), "title", new Date(0))],
  ])("on %s it returns problems", (_, input) => {
    expect(() => parseAnswers(input)).not.toThrow();
    expect(parseAnswers(input).ok).toBe(false);
  });

  it("accepts valid answers in an object without prototype", () => {
    expect(parseAnswers(Object.assign(Object.create(null) as Raw, fullRaw())).ok).toBe(true);
  });

  it("on anything at all it returns a result, problems with string paths when not ok", () => {
    fc.assert(
      fc.property(fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true }), (input) => {
        const result = parseAnswers(input);
        if (!result.ok) {
          expect(result.problems.length).toBeGreaterThan(0);
          for (const p of result.problems) expect(typeof p.path).toBe("string");
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe("answersJsonSchema", () => {
  const schema = answersJsonSchema() as {
    $schema: string;
    properties: Record<string, { properties?: Record<string, unknown> }>;
    required: string[];
    additionalProperties: boolean;
  };

  it("is draft 2020-12, closed, and lists every contract field", () => {
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.additionalProperties).toBe(false);
    const listed = Object.entries(schema.properties).flatMap(([key, sub]) => [
      key,
      ...Object.keys(sub.properties ?? {}).map((k) => `${key}.${k}`),
    ]);
    expect(listed.sort()).toEqual(CONTRACT_FIELDS.map(([path]) => path).sort());
    const topRequired = CONTRACT_FIELDS.filter(([path, required]) => required && !path.includes(".")).map(([path]) => path);
    expect([...schema.required].sort()).toEqual(topRequired.sort());
  });

  it("is generated from the same zod schema that parses", () => {
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(Answers.shape).sort());
  });
});

describe("parseAnswers: problems in plain words", () => {
  it.each<[string, unknown, string]>([
    ["title", "", "can't be empty"],
    [
      "task",
      "cls",
      'must be one of "classification", "extraction", "summarization", "generation", "chat", "code", "translation", "reasoning", "other"',
    ],
    ["tried", "few-shot", 'must be a list, not text ("few-shot")'],
    ["evals.hasEvalSet", "yes", 'must be true or false, not text ("yes")'],
    ["evals.baselineScore", 120, "must be at most 100"],
    ["data.labeledExamples", -1, "can't be negative"],
    ["volume.requestsPerMonth", 2.5, "must be a whole number"],
    ["tasksServed", 0, "must be at least 1"],
    ["candidateSizeB", 0, "must be more than 0"],
    ["gaps", [], "name at least one gap"],
    ["asOf", "yesterday", "must be a date like 2026-11-24"],
  ])("%s = %j: %s", (path, value, message) => {
    expect(problemsOf(setPath(fullRaw(), path, value))).toEqual([{ path, message }]);
  });

  it("a missing field says what to give", () => {
    expect(problemsOf(deletePath(fullRaw(), "mlopsCapacity"))).toEqual([
      { path: "mlopsCapacity", message: "is missing: give true or false" },
    ]);
    expect(problemsOf(deletePath(fullRaw(), "gaps"))).toEqual([{ path: "gaps", message: "is missing: give a list" }]);
  });

  it("no problem carries zod's own wording", () => {
    const input = { evals: { hasEvalSet: 1 }, data: { labeledExamples: "many" }, volume: {}, tasksServed: -2, title: 7 };
    for (const p of problemsOf(input)) expect(p.message).not.toMatch(/Invalid input|Invalid option|Too small|Too big|expected .* received/);
  });
});
