import { describe, expect, it } from "vitest";
import { nextStatus, type ReviewStatus } from "../../src/engine/review-status.js";

type Step = [who: string, reaction: "approve" | "reject", added: boolean];

/** Replays reactions as a store would: the tally after each, then the transition. Returns the status after each step. */
function replay(steps: readonly Step[], required = 2): ReviewStatus[] {
  const approvers = new Set<string>();
  const rejecters = new Set<string>();
  let status: ReviewStatus = "in-review";
  const seen: ReviewStatus[] = [];
  for (const [who, kind, added] of steps) {
    const set = kind === "approve" ? approvers : rejecters;
    if (added) set.add(who);
    else if (!(kind === "approve" && status === "approved")) set.delete(who);
    status = nextStatus(status, { approvers: [...approvers], rejecters: [...rejecters] }, { requiredApprovals: required });
    seen.push(status);
  }
  return seen;
}

describe("nextStatus over sequences of reactions", () => {
  it.each<[string, Step[], ReviewStatus[]]>([
    [
      "two approvals approve",
      [
        ["A", "approve", true],
        ["B", "approve", true],
      ],
      ["in-review", "approved"],
    ],
    [
      "a withdrawn approval does not count",
      [
        ["A", "approve", true],
        ["A", "approve", false],
        ["B", "approve", true],
      ],
      ["in-review", "in-review", "in-review"],
    ],
    ["a reject requests changes", [["A", "reject", true]], ["changes-requested"]],
    [
      "withdrawing the only reject puts it back in review",
      [
        ["A", "reject", true],
        ["A", "reject", false],
      ],
      ["changes-requested", "in-review"],
    ],
    [
      "withdrawing the only reject of a decision that has its approvals approves it",
      [
        ["A", "approve", true],
        ["C", "reject", true],
        ["B", "approve", true],
        ["C", "reject", false],
      ],
      ["in-review", "changes-requested", "changes-requested", "approved"],
    ],
    [
      "with two rejects, withdrawing one keeps changes requested",
      [
        ["A", "reject", true],
        ["B", "reject", true],
        ["A", "reject", false],
        ["B", "reject", false],
      ],
      ["changes-requested", "changes-requested", "changes-requested", "in-review"],
    ],
    [
      "approved is final: a later reject does not reopen it",
      [
        ["A", "approve", true],
        ["B", "approve", true],
        ["C", "reject", true],
      ],
      ["in-review", "approved", "approved"],
    ],
    [
      "approved is final: approvals removed afterwards stay",
      [
        ["A", "approve", true],
        ["B", "approve", true],
        ["A", "approve", false],
        ["B", "approve", false],
      ],
      ["in-review", "approved", "approved", "approved"],
    ],
    [
      "the quorum reached while changes are requested waits for the reject to go",
      [
        ["C", "reject", true],
        ["A", "approve", true],
        ["B", "approve", true],
      ],
      ["changes-requested", "changes-requested", "changes-requested"],
    ],
  ])("%s", (_name, steps, expected) => {
    expect(replay(steps)).toEqual(expected);
  });

  it("needs as many distinct approvers as the rule says", () => {
    expect(
      replay(
        [
          ["A", "approve", true],
          ["B", "approve", true],
          ["C", "approve", true],
        ],
        3,
      ),
    ).toEqual(["in-review", "in-review", "approved"]);
    expect(nextStatus("in-review", { approvers: ["A"], rejecters: [] }, { requiredApprovals: 1 })).toBe("approved");
  });
});
