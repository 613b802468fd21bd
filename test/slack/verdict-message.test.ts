import { describe, expect, it } from "vitest";
import { decide } from "../../src/engine/decide.js";
import { buildDecisionDetail } from "../../src/slack/builders/build-decision-detail.js";
import { buildDecisionList } from "../../src/slack/builders/build-decision-list.js";
import { buildHome } from "../../src/slack/builders/build-home.js";
import { buildVerdictMessage, type VerdictMessageInput } from "../../src/slack/builders/build-verdict-message.js";
import { buildVerdictReply } from "../../src/slack/builders/build-verdict-reply.js";
import { escapeMrkdwn } from "../../src/slack/mrkdwn.js";
import type { Decision } from "../../src/store/decisions.js";
import { validateMessageBlocks, validateView } from "../emulator/block-kit-limits.js";
import { validAnswers } from "../support/answers.js";

const HOSTILE = "<!channel> <https://evil.example|click> & <@U999>";

/** Every string Slack would parse as mrkdwn in a payload: top-level text and mrkdwn text objects. */
function mrkdwnStrings(payload: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === "object") {
      const o = node as Record<string, unknown>;
      if (o.type === "mrkdwn" && typeof o.text === "string") out.push(o.text);
      Object.values(o).forEach(walk);
    }
  };
  const p = payload as { text?: string };
  if (typeof p.text === "string") out.push(p.text);
  walk(payload);
  return out;
}

function messageInput(overrides: Partial<VerdictMessageInput> = {}): VerdictMessageInput {
  const answers = validAnswers({ title: HOSTILE, baseModel: `gpt-4o ${HOSTILE}` });
  return {
    decisionId: 7,
    number: 7,
    title: answers.title,
    baseModel: answers.baseModel,
    requesterId: "UREQ",
    verdict: decide(answers),
    status: "in-review",
    approvers: [],
    rejecters: [],
    requiredApprovals: 2,
    approvalReaction: "white_check_mark",
    rejectReaction: "x",
    ...overrides,
  };
}

const page = (decisions: Decision[], more = false) => ({ decisions, more });

function decision(overrides: Partial<Decision> = {}): Decision {
  const answers = validAnswers({ title: HOSTILE });
  return {
    id: 7,
    number: 7,
    teamId: "T1",
    channelId: "C1",
    requesterId: "UREQ",
    title: answers.title,
    baseModel: answers.baseModel,
    answers,
    verdict: decide(answers),
    engineVersion: "1.0.0",
    status: "in-review",
    messageTs: "1.1",
    threadTs: "1.1",
    replyTs: "1.2",
    permalink: "https://emulated.slack.com/archives/C1/p11",
    parentId: null,
    revises: null,
    supersededBy: null,
    statusChangedAt: null,
    reviewOpenedAt: null,
    createdAt: "2026-11-24T00:00:00Z",
    updatedAt: "x",
    ...overrides,
  };
}

describe("mrkdwn escaping", () => {
  it("escapes & < > in that order", () => {
    expect(escapeMrkdwn("a & <b> &lt;")).toBe("a &amp; &lt;b&gt; &amp;lt;");
  });

  it.each([
    ["verdict message", buildVerdictMessage(messageInput())],
    // A provider-API fine-tune names the tuned model in its reasons.
    ["verdict reply", buildVerdictReply(7, decide(validAnswers({ candidateModel: `gpt-4o-mini ${HOSTILE}`, mlopsCapacity: false })))],
    ["decision list", buildDecisionList(page([decision()]), { filter: { text: HOSTILE }, title: `matching "${HOSTILE}"` })],
    ["decision detail", buildDecisionDetail({ decision: decision(), reasons: new Map([["UB", HOSTILE]]) })],
    [
      "decision detail with an engine change",
      buildDecisionDetail({ decision: decision(), engineChange: `not yet rather than yes; new: ${HOSTILE}` }),
    ],
    ["home", buildHome({ mine: { page: page([decision()]) }, awaitingReview: { page: page([decision()]) } })],
  ])("no user text reaches mrkdwn unescaped in the %s", (_name, payload) => {
    const texts = mrkdwnStrings(payload);
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) {
      expect(text).not.toContain("<!channel>");
      expect(text).not.toContain("<https://evil.example");
      expect(text).not.toContain("<@U999>");
    }
    expect(texts.join("\n")).toContain("&lt;!channel&gt;");
  });
});

describe("decision detail", () => {
  it("says when today's engine would decide the decision differently, and only then", () => {
    const changed = mrkdwnStrings(buildDecisionDetail({ decision: decision(), engineChange: "not yet rather than yes" })).join("\n");
    expect(changed).toContain("Today's engine would decide this differently: not yet rather than yes");
    expect(mrkdwnStrings(buildDecisionDetail({ decision: decision() })).join("\n")).not.toContain("Today's engine");
    expect(mrkdwnStrings(buildDecisionDetail({ decision: decision(), engineChange: null })).join("\n")).not.toContain("Today's engine");
    expect(validateMessageBlocks(buildDecisionDetail({ decision: decision(), engineChange: "x".repeat(2000) }).blocks)).toEqual([]);
  });
});

describe("verdict message", () => {
  it("shows the headline, the verdict, the next rung, requester, id and how to approve", () => {
    const msg = buildVerdictMessage(messageInput());
    const all = mrkdwnStrings(msg).join("\n");
    expect(all).toContain("*Fine-tune:*");
    expect(all).toContain("*Work on next:*");
    expect(all).toContain("<@UREQ>");
    expect(all).toContain("#7");
    expect(all).toContain("react :white_check_mark: or press *Approve* to approve fine-tuning");
    expect(all).toContain("2 approvals needed");
    expect(validateMessageBlocks(msg.blocks)).toEqual([]);
  });

  it("lists blockers before other warnings", () => {
    const answers = validAnswers({
      evals: { hasEvalSet: false, hasHeldOutTestSet: false, hasPromptedBaseline: false },
      data: { labeledExamples: 50, quality: "noisy", versioned: false },
    });
    const msg = buildVerdictMessage(messageInput({ verdict: decide(answers) }));
    const all = mrkdwnStrings(msg).join("\n");
    expect(all.indexOf("no-evals")).toBeLessThan(all.indexOf("noisy-data"));
    expect(all).toContain("too-few-examples");
  });

  it("shows break-even when computed", () => {
    const answers = validAnswers({ costs: { trainingUsd: 1200, currentUsdPerMTok: 5, fineTunedUsdPerMTok: 1 } });
    expect(mrkdwnStrings(buildVerdictMessage(messageInput({ verdict: decide(answers) }))).join("\n")).toContain("*Break-even:*");
    expect(mrkdwnStrings(buildVerdictMessage(messageInput({ verdict: decide(validAnswers()) }))).join("\n")).not.toContain("*Break-even:*");
  });

  it("says who approved once approved", () => {
    const msg = buildVerdictMessage(messageInput({ status: "approved", approvers: ["UA", "UB"] }));
    expect(mrkdwnStrings(msg).join("\n")).toContain("*Approved* by <@UA>, <@UB>");
  });

  it("stays within Slack's limits with every warning and a huge title", () => {
    const answers = validAnswers({
      title: "x".repeat(150),
      baseModel: "m".repeat(200),
      gaps: ["knowledge", "hallucination", "reasoning", "personality", "format", "latency-cost"],
      tried: [],
      evals: { hasEvalSet: false, hasHeldOutTestSet: false, hasPromptedBaseline: false },
      data: { labeledExamples: 10, quality: "noisy", versioned: false },
      taskChangeFrequency: "monthly",
      tasksServed: 4,
      compliance: "self-host-required",
    });
    const verdict = decide(answers);
    expect(
      validateMessageBlocks(buildVerdictMessage(messageInput({ verdict, title: answers.title, baseModel: answers.baseModel })).blocks),
    ).toEqual([]);
    expect(validateMessageBlocks(buildVerdictReply(1, verdict).blocks)).toEqual([]);
  });

  it("builds a home tab Slack accepts", () => {
    const many = page(
      Array.from({ length: 10 }, (_, i) => decision({ id: i + 1 })),
      true,
    );
    expect(validateView(buildHome({ mine: { page: many, before: 50 }, awaitingReview: { page: many } }), "home")).toEqual([]);
    expect(validateView(buildHome({ mine: { page: page([]) }, awaitingReview: null }), "home")).toEqual([]);
  });
});

describe("newer versions already out the day a decision is made", () => {
  const sections = (input: VerdictMessageInput) =>
    (buildVerdictMessage(input).blocks as { type: string; text?: { text: string } }[])
      .filter((b) => b.type === "section" && b.text)
      .map((b) => b.text!.text)
      .join("\n");
  const version = (id: string) => ({ id, releaseDate: id.slice(-10), source: "models.dev" });
  const yes = decide(validAnswers());
  const no = decide(
    validAnswers({
      evals: { hasEvalSet: true, hasHeldOutTestSet: true, hasPromptedBaseline: true, baselineScore: 95, targetScore: 90 },
    }),
  );

  it("names them in the verdict, with what to do first, for the model they are newer versions of", () => {
    const text = sections(
      messageInput({
        baseModel: "gpt-4o-2024-08-06",
        verdict: yes,
        alreadyOut: [{ model: "gpt-4o-2024-08-06", versions: [version("gpt-4o-2024-11-20")] }],
      }),
    );
    expect(text).toContain(
      ":new: `gpt-4o-2024-11-20`, a newer version of the production model and the model to fine-tune, is already out: consider scoring the prompted baseline on it first, and fine-tuning it rather than the older one.",
    );
  });

  it("tells the two models apart, newest first, and counts what it does not list", () => {
    const text = sections(
      messageInput({
        baseModel: "gpt-4o-2024-05-13",
        candidateModel: "gpt-4o-mini-2024-07-18",
        verdict: yes,
        alreadyOut: [
          {
            model: "gpt-4o-2024-05-13",
            versions: ["2024-08-06", "2024-11-20", "2025-01-01", "2025-02-01"].map((d) => version(`gpt-4o-${d}`)),
          },
          { model: "gpt-4o-mini-2024-07-18", versions: [version("gpt-4o-mini-2025-03-01")] },
        ],
      }),
    );
    expect(text).toContain(
      "Newer versions of the production model are already out (`gpt-4o-2025-02-01`, `gpt-4o-2025-01-01`, `gpt-4o-2024-11-20` and 1 older): consider scoring the prompted baseline on the newest first.",
    );
    expect(text).toContain(
      "`gpt-4o-mini-2025-03-01`, a newer version of the model to fine-tune, is already out: consider fine-tuning it rather than the older one.",
    );
    const fields = JSON.stringify(buildVerdictMessage(messageInput({ candidateModel: "gpt-4o-mini-2024-07-18" })).blocks);
    expect(fields).toContain("*Model to fine-tune:*\\n`gpt-4o-mini-2024-07-18`");
  });

  it("says nothing of fine-tuning on a decision not to fine-tune", () => {
    expect(no.fineTune).toBe("no");
    const input = messageInput({
      baseModel: "gpt-4o-2024-05-13",
      candidateModel: "gpt-4o-mini-2024-07-18",
      verdict: no,
      alreadyOut: [
        { model: "gpt-4o-2024-05-13", versions: [version("gpt-4o-2024-11-20")] },
        { model: "gpt-4o-mini-2024-07-18", versions: [version("gpt-4o-mini-2025-03-01")] },
      ],
    });
    const text = sections(input);
    expect(text).toContain(
      "`gpt-4o-2024-11-20`, a newer version of the production model, is already out: consider scoring the prompted baseline on it first.",
    );
    expect(text).not.toContain("gpt-4o-mini-2025-03-01");
  });

  it("escapes catalog ids", () => {
    const input = messageInput({ baseModel: "m", verdict: yes, alreadyOut: [{ model: "m", versions: [version(HOSTILE)] }] });
    for (const text of mrkdwnStrings(buildVerdictMessage(input))) expect(text).not.toContain("<!channel>");
  });
});
