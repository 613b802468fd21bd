import { describe, expect, it } from "vitest";
import { buildDecisionDetail } from "../../src/slack/builders/build-decision-detail.js";
import { buildDecisionList, LIST_PAGE_SIZE } from "../../src/slack/builders/build-decision-list.js";
import { buildHome } from "../../src/slack/builders/build-home.js";
import { decisionRow } from "../../src/slack/builders/decision-row.js";
import { ACTION, BLOCK } from "../../src/slack/ids.js";
import { readHomePaging, readListPaging } from "../../src/slack/readers/read-paging.js";
import type { Decision } from "../../src/store/decisions.js";
import { validateMessageBlocks, validateView } from "../emulator/block-kit-limits.js";
import { validAnswers } from "../support/answers.js";
import { makeDecision } from "../support/decision.js";

function decision(over: Partial<Decision> = {}): Decision {
  return makeDecision(
    { permalink: "https://acme.slack.com/archives/CML/p1700000000000100?thread_ts=1&cid=CML", ...over },
    validAnswers({ title: "Ticket triage classifier" }),
  );
}

const tallies = new Map([[40, { approvers: ["UA", "UB"], rejecters: [] }]]);
const blockTexts = (blocks: unknown[]) => JSON.stringify(blocks);
const buttons = (blocks: { block_id?: string; elements?: unknown[] }[], blockId: string) =>
  (blocks.find((b) => b.block_id === blockId)?.elements ?? []) as { action_id: string; value: string; text: { text: string } }[];

describe("a decision row", () => {
  it("shows number, linked title, answer, review, channel, a date token and who asked", () => {
    const row = decisionRow(decision({ status: "approved" }), { tallies, requiredApprovals: 2 });
    expect(row).toBe(
      "*#12* <https://acme.slack.com/archives/CML/p1700000000000100?thread_ts=1&amp;cid=CML|Ticket triage classifier>\n" +
        ":large_green_circle: Fine-tune · :white_check_mark: approved by <@UA>, <@UB> · <#CML> · <!date^1795512600^{date_short}|2026-11-24> · by <@UREQ>",
    );
  });

  it.each([
    [{ status: "in-review" as const }, "in review, 2 of 3 approvals"],
    [{ status: "changes-requested" as const }, "changes requested by "],
    [{ supersededBy: { id: 60, number: 15 } }, ":arrow_right: superseded by #15"],
    [{ status: "approved" as const, supersededBy: { id: 60, number: 15 } }, "approved by <@UA>, <@UB>, then superseded by #15"],
  ])("says where the review stands: %j", (over, words) => {
    expect(decisionRow(decision(over), { tallies, requiredApprovals: 3 })).toContain(words);
  });

  it("names the title without a link until the link is known, and says when it is not posted yet", () => {
    const row = decisionRow(decision({ permalink: null, messageTs: null }));
    expect(row).toContain("*#12* Ticket triage classifier (not posted yet)");
  });
});

describe("a list", () => {
  const page = (n: number, more: boolean) => ({
    decisions: Array.from({ length: n }, (_, i) => decision({ id: 100 - i, number: 50 - i })),
    more,
  });
  const query = { filter: { status: "in-review" as const, model: "gpt-4o" }, title: "you can see, status in-review" };

  it("offers Older decisions when there are more, carrying the same query and where to continue", () => {
    const message = buildDecisionList(page(LIST_PAGE_SIZE, true), query);
    const [older] = buttons(message.blocks as never, BLOCK.listPaging);
    expect(older?.action_id).toBe(ACTION.listOlder);
    expect(readListPaging(older?.value)).toEqual({ query, before: 50 - LIST_PAGE_SIZE + 1 });
    expect(validateMessageBlocks(message.blocks)).toEqual([]);
  });

  it("says when that is all, and when there is nothing", () => {
    expect(blockTexts(buildDecisionList(page(2, false), query).blocks)).toContain("That's all");
    expect(buildDecisionList(page(0, false), query).text).toBe(
      "No decisions you can see, status in-review yet. Start one with `/should-we-finetune`.",
    );
    expect(buildDecisionList(page(0, false), query, {}, true).text).toBe("No older decisions you can see, status in-review.");
  });

  it("refuses a paging value that is not ours", () => {
    expect(readListPaging('{"query":{"filter":{"channelId":"not a channel"},"title":"x"},"before":3}')).toBeNull();
    expect(readListPaging("{}")).toBeNull();
    expect(readListPaging(undefined)).toBeNull();
  });
});

describe("App Home", () => {
  it("pages each section on its own, with Newest back from an older page", () => {
    const rows = { decisions: [decision()], more: true };
    const view = buildHome({ mine: { page: rows, before: 90 }, awaitingReview: { page: rows } });
    const mine = buttons(view.blocks as never, BLOCK.homeMinePaging);
    expect(mine.map((b) => [b.action_id, readHomePaging(b.value)])).toEqual([
      [ACTION.homeNewest, { section: "mine" }],
      [ACTION.homeOlder, { section: "mine", before: 12 }],
    ]);
    expect(buttons(view.blocks as never, BLOCK.homeReviewPaging).map((b) => readHomePaging(b.value))).toEqual([
      { section: "review", before: 12 },
    ]);
    expect(validateView(view, "home")).toEqual([]);
  });

  it("tells someone off the reviewer list that no review waits for them", () => {
    const view = buildHome({ mine: { page: { decisions: [], more: false } }, awaitingReview: null });
    expect(blockTexts(view.blocks)).toContain("You are not on this app's reviewer list");
  });
});

describe("show", () => {
  it("links to the thread, shows the lineage, the reasons and the answers in the form's words", () => {
    const message = buildDecisionDetail({
      decision: decision({ status: "changes-requested", revises: { id: 30, number: 9 }, parentId: 30 }),
      extras: { tallies: new Map([[40, { approvers: [], rejecters: ["UB"] }]]), requiredApprovals: 2 },
      reasons: new Map([["UB", "Score it on this year's tickets."]]),
    });
    const text = blockTexts(message.blocks);
    expect(text).toContain("|Open the thread>");
    expect(text).toContain("Revises #9");
    expect(text).toContain(":x: <@UB> asks for changes: Score it on this year's tickets.");
    expect(text).toContain("• Prompted system's score (0-100): 80");
    expect(text).toContain("• Do you have an eval set? Yes");
    expect(text).toContain("show 12 --markdown");
    expect(validateMessageBlocks(message.blocks)).toEqual([]);
  });

  it("sends a superseded decision's reader to the one that replaced it", () => {
    const text = blockTexts(buildDecisionDetail({ decision: decision({ supersededBy: { id: 70, number: 20 } }) }).blocks);
    expect(text).toContain("Superseded by #20: `/should-we-finetune show 20`");
  });
});
