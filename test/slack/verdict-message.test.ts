import { describe, expect, it } from "vitest";
import type { Answers } from "../../src/engine/answers.js";
import { decide } from "../../src/engine/decide.js";
import { RULE_IDS, type Verdict, WARNING_CODES } from "../../src/engine/verdict.js";
import { buildAnswersView } from "../../src/slack/builders/build-answers-view.js";
import { buildHelp } from "../../src/slack/builders/build-command-replies.js";
import { buildDecisionDetail } from "../../src/slack/builders/build-decision-detail.js";
import { buildDecisionList } from "../../src/slack/builders/build-decision-list.js";
import { buildHome } from "../../src/slack/builders/build-home.js";
import { buildVerdictMessage, type VerdictMessageInput } from "../../src/slack/builders/build-verdict-message.js";
import { buildVerdictReply } from "../../src/slack/builders/build-verdict-reply.js";
import { ACTION } from "../../src/slack/ids.js";
import { escapeMrkdwn } from "../../src/slack/mrkdwn.js";
import type { Decision } from "../../src/store/decisions.js";
import type { Json } from "../emulator/block-kit-checks.js";
import { validateMessageBlocks, validateView } from "../emulator/block-kit-limits.js";
import { validAnswers } from "../support/answers.js";

const HOSTILE = "<!channel> <https://evil.example|click> & <@U999>";

const replyFor = (answers: Answers, unknownAnswers: string[] = []) =>
  buildVerdictReply({ number: 7, verdict: decide(answers), answers, unknownAnswers });

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
    requesterId: "UREQ",
    verdict: decide(answers),
    answers,
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
    enterpriseId: null,
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
    unknownAnswers: [],
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
    ["verdict reply", replyFor(validAnswers({ title: HOSTILE, candidateModel: `gpt-4o-mini ${HOSTILE}`, mlopsCapacity: false }))],
    ["answers view", buildAnswersView({ decisionId: 3, number: 7, answers: validAnswers({ title: HOSTILE, candidateModel: HOSTILE }) })],
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

/** Roughly what a reader sees of a message: markup, emoji codes, mentions and date tokens as Slack draws them. */
function visibleText(message: { blocks: unknown[] }): string {
  const parts: string[] = [];
  const texts = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(texts);
      return;
    }
    if (!node || typeof node !== "object") return;
    const o = node as Record<string, unknown>;
    if ((o.type === "mrkdwn" || o.type === "plain_text") && typeof o.text === "string") parts.push(o.text);
    for (const [key, value] of Object.entries(o)) if (key !== "text" || typeof value !== "string") texts(value);
  };
  texts(message.blocks);
  return parts
    .join("\n")
    .replace(/<@\w+>/g, "@someone")
    .replace(/<!date\^[^|>]+\|([^>]+)>/g, "$1")
    .replace(/:[a-z0-9_+-]+:/g, "●")
    .replace(/[*_~`]/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** A not-yet verdict with a warning or blocker of nearly every kind, some answers unknown. */
const MANY_WARNINGS = validAnswers({
  title: "Contract clause extractor for the legal operations team",
  task: "extraction",
  gaps: ["format", "knowledge", "latency-cost"],
  tried: ["prompt-engineering"],
  evals: { hasEvalSet: false, hasHeldOutTestSet: false, hasPromptedBaseline: false },
  data: { labeledExamples: 350, quality: "noisy", versioned: false },
  volume: { requestsPerMonth: 2_000, tokensPerRequest: 1500 },
  taskChangeFrequency: "monthly",
  tasksServed: 3,
  baseModel: "gpt-4o",
  candidateModel: "gpt-4o-mini-2024-07-18",
  mlopsCapacity: false,
  costs: { trainingUsd: 3000, currentUsdPerMTok: 4.375, fineTunedUsdPerMTok: 0.6 },
});
const MANY_UNKNOWNS = ["data.quality", "data.versioned", "mlopsCapacity", "taskChangeFrequency"];
const CODES = [...WARNING_CODES, ...RULE_IDS, "not-yet", "few-shot", "tool-use", "pretrain", "provider-api", "self-hosted", "engine 2"];

const manyWarnings = (overrides: Partial<VerdictMessageInput> = {}) =>
  messageInput({
    title: MANY_WARNINGS.title,
    answers: MANY_WARNINGS,
    verdict: decide(MANY_WARNINGS),
    unknownAnswers: MANY_UNKNOWNS,
    ...overrides,
  });

describe("verdict message", () => {
  it("answers first: the answer and the title in the header, then why in one plain sentence", () => {
    const input = manyWarnings();
    const msg = buildVerdictMessage(input);
    expect(msg.blocks[0]).toEqual({
      type: "header",
      text: { type: "plain_text", text: `:large_yellow_circle: Not yet: ${MANY_WARNINGS.title}`, emoji: true },
    });
    const why = mrkdwnStrings(msg.blocks[1]).join("\n").split("\n")[0]!;
    expect(input.verdict.headline.startsWith("Not yet: first ")).toBe(true);
    expect(why.startsWith("First ")).toBe(true);
    expect(mrkdwnStrings(buildVerdictMessage(messageInput())).join("\n")).toContain("The format gap is one training fixes");
  });

  it("lists blockers by their short titles and folds the other warnings into a count", () => {
    const input = manyWarnings();
    const all = mrkdwnStrings(buildVerdictMessage(input)).join("\n");
    const blockers = input.verdict.warnings.filter((w) => w.severity === "blocker");
    const others = input.verdict.warnings.filter((w) => w.severity !== "blocker");
    expect(blockers.length).toBeGreaterThan(2);
    expect(others.length).toBeGreaterThan(2);
    expect(all).toContain(`*Blocking:* ${blockers.map((w) => w.title).join(" · ")}`);
    expect(all).toContain(`_${others.length} more things to know, in the thread._`);
    for (const w of others) expect(all).not.toContain(w.message);
  });

  // About 900 characters, plus the review's Approve and Request changes buttons (24).
  it("fits a phone screen: a not-yet verdict with many warnings shows at most about 930 characters", () => {
    const msg = buildVerdictMessage(manyWarnings());
    const visible = visibleText(msg);
    expect(visible.length).toBeLessThanOrEqual(930);
    expect(validateMessageBlocks(msg.blocks)).toEqual([]);
  });

  it("shows no codes, in the message or in the notification text", () => {
    for (const input of [manyWarnings(), messageInput(), messageInput({ verdict: decide(validAnswers({ gaps: ["knowledge"] })) })]) {
      const msg = buildVerdictMessage(input);
      for (const text of [visibleText(msg), msg.text]) for (const code of CODES) expect(text).not.toContain(code);
    }
    const msg = buildVerdictMessage(manyWarnings());
    expect(msg.text.startsWith(`Not yet: ${MANY_WARNINGS.title}. First `)).toBe(true);
  });

  it("says what it is based on: examples, scores, volume, what was tried and what was not known", () => {
    const based = mrkdwnStrings(buildVerdictMessage(manyWarnings())).find((t) => t.startsWith("*Based on*"))!;
    expect(based).toBe(
      "*Based on* 350 examples · no eval set · 3 million tokens a month · tried prompt engineering · " +
        "didn't know data quality, data versioning, team capacity and how often the task changes",
    );
    const scored = mrkdwnStrings(buildVerdictMessage(messageInput())).find((t) => t.startsWith("*Based on*"))!;
    expect(scored).toContain("2,000 examples · scores 80 → 90 needed · 800 million tokens a month");
  });

  it("gives the break-even in people's words, with where it flips", () => {
    const all = mrkdwnStrings(buildVerdictMessage(manyWarnings())).join("\n");
    expect(all).toMatch(
      /\*Break-even:\* Saving \$\d[\d,.]* a month, the \$3,000 of training takes about [\d.]+ (months|years) to pay back\. It pays back within six months above about [\d,]+ requests a month\./,
    );
    expect(all).not.toMatch(/-\$|0\.\d+ months/);
    expect(mrkdwnStrings(buildVerdictMessage(messageInput())).join("\n")).not.toContain("Break-even");
  });

  it("has a View answers button that names the decision, then the review's buttons while they can be used", () => {
    const buttons = (input: VerdictMessageInput) =>
      (buildVerdictMessage(input).blocks.find((b) => b.type === "actions") as unknown as { elements: Json[] }).elements;
    const view = expect.objectContaining({ type: "button", action_id: ACTION.viewAnswers, value: "70" });
    const ids = (input: VerdictMessageInput) => buttons(input).map((b) => b.action_id);
    expect(buttons(messageInput({ decisionId: 70 }))[0]).toEqual(view);
    expect(ids(messageInput())).toEqual([ACTION.viewAnswers, ACTION.approveDecision, ACTION.requestChanges]);
    expect(ids(messageInput({ status: "changes-requested", rejecters: ["UC"] }))).toEqual([ACTION.viewAnswers, ACTION.reviseAnswers]);
    expect(ids(messageInput({ status: "approved", approvers: ["UA", "UB"] }))).toEqual([ACTION.viewAnswers]);
    expect(ids(messageInput({ supersededBy: { id: 9, number: 9 } }))).toEqual([ACTION.viewAnswers]);
  });

  it.each([
    ["yes", messageInput({ answers: validAnswers(), verdict: decide(validAnswers()) }), "to approve fine-tuning `gpt-4o-2024-08-06`"],
    ["not yet", manyWarnings(), "to agree on the next steps before any fine-tuning"],
    ["no", messageInput({ verdict: decide(validAnswers({ gaps: ["knowledge"] })) }), "to agree not to fine-tune"],
  ])("says in one line what approving a %s means", (_name, input, means) => {
    const line = mrkdwnStrings(buildVerdictMessage(input)).at(-1)!;
    expect(line).toBe(`React :white_check_mark: ${means}, :x: to ask for changes. 2 approvals needed · #7 asked by <@UREQ>`);
  });

  it("says who approved once approved, and who asked for changes", () => {
    expect(mrkdwnStrings(buildVerdictMessage(messageInput({ status: "approved", approvers: ["UA", "UB"] }))).join("\n")).toContain(
      "*Approved* by <@UA>, <@UB>",
    );
    expect(mrkdwnStrings(buildVerdictMessage(messageInput({ approvers: ["UA"] }))).join("\n")).toContain("(1 so far: <@UA>)");
    expect(mrkdwnStrings(buildVerdictMessage(messageInput({ status: "changes-requested", rejecters: ["UC"] }))).join("\n")).toContain(
      "*Changes requested* by <@UC>",
    );
  });

  it("opens a revision with how the verdict changed, then what was changed in the answers", () => {
    const input = messageInput();
    const revision = {
      parent: { id: 30, number: 3 },
      before: "not-yet" as const,
      after: input.verdict.fineTune,
      headline: input.verdict.headline,
      changes: [{ label: "Labelled examples you could train on", before: "350", after: "2,000" }],
    };
    const msg = buildVerdictMessage({ ...input, revision });
    const all = mrkdwnStrings(msg).join("\n");
    expect(mrkdwnStrings(msg.blocks[1]).join("\n")).toMatch(
      /^\*Verdict changed:\* :large_yellow_circle: Not yet → :large_green_circle: Fine-tune: /,
    );
    expect(all).toContain("• Labelled examples you could train on: 350 → 2,000");
    expect(msg.text.startsWith("Verdict changed: Not yet → Fine-tune: ")).toBe(true);
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
    expect(validateMessageBlocks(buildVerdictMessage(messageInput({ verdict, answers, title: answers.title })).blocks)).toEqual([]);
    expect(validateMessageBlocks(replyFor(answers, MANY_UNKNOWNS).blocks)).toEqual([]);
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

describe("the verdict's thread", () => {
  it("gives the reasons, the warnings the message only counted, and the steps as a checklist with done ones ticked", () => {
    const verdict = decide(MANY_WARNINGS);
    const all = visibleText(replyFor(MANY_WARNINGS));
    for (const r of verdict.reasons) expect(all).toContain(`• ${r.text}`);
    // Every warning the message only counted is there by title, and each of its sentences once, here or in a reason.
    for (const w of verdict.warnings.filter((x) => x.severity !== "blocker")) {
      expect(all).toContain(`• ${w.title}.`);
      for (const sentence of w.message.split(/(?<=\.) (?=[A-Z])/)) expect(all.split(sentence)).toHaveLength(2);
    }
    const yes = decide(validAnswers());
    const done = yes.steps.filter((s) => s.done);
    expect(done.length).toBeGreaterThan(0);
    const checklist = visibleText(replyFor(validAnswers()));
    for (const s of done) expect(checklist).toContain(`● ${s.text}`);
    for (const s of yes.steps.filter((x) => !x.done)) expect(checklist).toContain(`☐ ${s.text}`);
  });

  it("says what each Don't know cost the verdict", () => {
    const all = mrkdwnStrings(replyFor(MANY_WARNINGS, MANY_UNKNOWNS)).join("\n");
    expect(all).toContain("*What each “Don't know” cost*");
    expect(all).toContain(
      "• You didn't know how clean the data is, so we took it that the data is noisy. That adds a blocker: Noisy training data.",
    );
    expect(all).toContain("You didn't know how often the task changes, so we took it that the task changes every month.");
    const held = mrkdwnStrings(
      replyFor(validAnswers({ evals: { ...validAnswers().evals, hasHeldOutTestSet: false } }), ["evals.hasHeldOutTestSet"]),
    );
    expect(held.join("\n")).toContain("That holds the answer at not yet: with a held-out test set it would be fine-tune.");
    expect(mrkdwnStrings(replyFor(MANY_WARNINGS)).join("\n")).not.toContain("Don't know");
  });

  it("writes dates as date tokens each reader sees in their own format", () => {
    const all = mrkdwnStrings(replyFor(MANY_WARNINGS)).join("\n");
    expect(all).toContain("Decided as of <!date^1795521600^{date_long}|24 Nov 2026>.");
    expect(all).toContain("<!date^1799236800^{date_long}|6 Jan 2027>");
    expect(all).not.toMatch(/[^|]6 Jan 2027/);
  });

  it("shows no codes and no engine version", () => {
    for (const answers of [MANY_WARNINGS, validAnswers(), validAnswers({ gaps: ["knowledge"] })]) {
      const text = visibleText(replyFor(answers, MANY_UNKNOWNS));
      for (const code of CODES) expect(text).not.toContain(code);
      expect(text).not.toContain("2.0.0");
    }
  });

  it("reads a verdict stored by engine 1.x, which has no titles or steps", () => {
    const old = { ...decide(MANY_WARNINGS), steps: undefined, warnings: [{ code: "no-evals", severity: "warning", message: "No evals." }] };
    const reply = buildVerdictReply({ number: 1, verdict: old as unknown as Verdict, answers: MANY_WARNINGS });
    expect(mrkdwnStrings(reply).join("\n")).toContain("*No evals.*");
    expect(validateMessageBlocks(reply.blocks)).toEqual([]);
  });
});

describe("help", () => {
  it("shows a decision number in its examples, never a <id> that would vanish as a link", () => {
    const help = buildHelp();
    expect(help.text).toContain("show 12* shows decision #12");
    expect(mrkdwnStrings(help).join("\n")).not.toMatch(/<(?!!)[a-z]+>/);
  });
});

describe("the answers behind a verdict", () => {
  it("lists every answer under the form's own labels, read-only, Don't knows included", () => {
    const view = buildAnswersView({ decisionId: 3, number: 7, answers: MANY_WARNINGS, unknownAnswers: MANY_UNKNOWNS }) as unknown as Json;
    expect(validateView(view, "modal")).toEqual([]);
    expect(view.submit).toBeUndefined();
    const all = mrkdwnStrings(view).join("\n");
    expect(all).toContain("What are you deciding about?\n> Contract clause extractor for the legal operations team");
    expect(all).toContain("Labelled examples you could train on\n> 350");
    expect(all).toContain("How clean are they?\n> Don't know _(decided as if the data is noisy)_");
    expect(all).toContain("Model you would fine-tune\n> `gpt-4o-mini-2024-07-18`");
    expect(all).toContain("One training run, data preparation included (USD)\n> $3,000");
    expect(all).toContain("How does it fall short?\n> Format: output structure, Knowledge: missing facts, Too slow or too costly");
    expect(all).toContain("Date of this decision\n> <!date^1795521600^{date_long}|24 Nov 2026>");
  });
});

describe("newer versions already out the day a decision is made", () => {
  const sections = (input: VerdictMessageInput) =>
    (buildVerdictMessage(input).blocks as { type: string; text?: { text: string } }[])
      .filter((b) => b.type === "section" && b.text)
      .map((b) => b.text!.text)
      .join("\n");
  const version = (id: string) => ({ id, releaseDate: id.slice(-10), source: "models.dev" });
  const approvalLine = (input: VerdictMessageInput) => mrkdwnStrings(buildVerdictMessage(input)).at(-1)!;
  const TWO_MODELS = validAnswers({ baseModel: "gpt-4o-2024-05-13", candidateModel: "gpt-4o-mini-2024-07-18" });
  const yes = decide(validAnswers());
  const no = decide(
    validAnswers({
      evals: { hasEvalSet: true, hasHeldOutTestSet: true, hasPromptedBaseline: true, baselineScore: 95, targetScore: 90 },
    }),
  );

  it("names them in the verdict, with what to do first, for the model they are newer versions of", () => {
    const text = sections(
      messageInput({
        answers: validAnswers({ baseModel: "gpt-4o-2024-08-06" }),
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
        answers: TWO_MODELS,
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
    // Approving a fine-tune approves tuning this model: the line says which.
    expect(approvalLine(messageInput({ answers: TWO_MODELS, verdict: yes }))).toContain(
      "to approve fine-tuning `gpt-4o-mini-2024-07-18`, ",
    );
  });

  it("says nothing of fine-tuning on a decision not to fine-tune", () => {
    expect(no.fineTune).toBe("no");
    const input = messageInput({
      answers: TWO_MODELS,
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
    expect(approvalLine(input)).not.toContain("gpt-4o-mini-2024-07-18");
  });

  it("escapes catalog ids", () => {
    const input = messageInput({
      answers: validAnswers({ baseModel: "m" }),
      verdict: yes,
      alreadyOut: [{ model: "m", versions: [version(HOSTILE)] }],
    });
    for (const text of mrkdwnStrings(buildVerdictMessage(input))) expect(text).not.toContain("<!channel>");
  });
});
