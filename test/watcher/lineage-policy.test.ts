import { describe, expect, it } from "vitest";
import { DEFAULT_LINEAGE_POLICY, LINEAGE_POLICIES, parseLineagePolicy } from "../../src/watcher/lineage-policy.js";

describe("parseLineagePolicy", () => {
  it.each([
    ["", DEFAULT_LINEAGE_POLICY],
    ["line", LINEAGE_POLICIES.line],
    ["strict", LINEAGE_POLICIES.strict],
    [" Product-Line ", LINEAGE_POLICIES["product-line"]],
    ["product-line,previews", { ...LINEAGE_POLICIES["product-line"], previews: true }],
    ["previews", { ...DEFAULT_LINEAGE_POLICY, previews: true }],
  ])("%j", (text, expected) => {
    expect(parseLineagePolicy(text)).toEqual(expected);
  });

  it("names the known words when it meets an unknown one", () => {
    expect(() => parseLineagePolicy("loose")).toThrow("unknown loose (known: strict, line, product-line, previews");
  });

  it("takes one policy name", () => {
    expect(() => parseLineagePolicy("strict,line")).toThrow("one policy name, not strict and line");
  });

  it("starts from the line policy", () => {
    expect(DEFAULT_LINEAGE_POLICY).toEqual({ generations: true, renamedSuccessors: false, nearbySizes: false, previews: false });
  });
});
