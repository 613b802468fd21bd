import { describe, expect, it } from "vitest";
import type { FineTune } from "../../src/engine/verdict.js";
import { buildModelNotice, SNOOZE_DAYS } from "../../src/slack/builders/build-model-notice.js";
import { ACTION, BLOCK } from "../../src/slack/ids.js";
import { readNoticeClick } from "../../src/slack/readers/read-notice-action.js";
import type { ModelNotice, NoticeContent, NoticeWithDecision } from "../../src/store/model-notices.js";
import { validateMessageBlocks } from "../emulator/block-kit-limits.js";

const versions: { id: string; releaseDate: string | null; source: string }[] = [
  { id: "gpt-4o-2024-08-06", releaseDate: "2024-08-06", source: "models.dev" },
  { id: "gpt-4o-2024-11-20", releaseDate: "2024-11-20", source: "openai" },
];

function notice(
  content: NoticeContent,
  over: { modelId?: string; candidateModel?: string | null; fineTune?: FineTune; notice?: Partial<ModelNotice> } = {},
): NoticeWithDecision {
  return {
    notice: {
      id: 9,
      decisionId: 4,
      modelId: over.modelId ?? "gpt-4o-2024-05-13",
      kind: content.kind,
      content,
      state: "announced",
      snoozedUntil: null,
      actedBy: null,
      followUpId: null,
      followUpNumber: null,
      messageTs: "1.2",
      ...over.notice,
    },
    decision: {
      // Its number in the workspace, which notices show, differs from its id.
      id: 40,
      number: 4,
      teamId: "T1",
      enterpriseId: null,
      channelId: "C1",
      threadTs: "1.1",
      requesterId: "UREQ",
      baseModel: "gpt-4o-2024-05-13",
      candidateModel: over.candidateModel ?? null,
      fineTune: over.fineTune ?? "yes",
    },
  };
}

const newer = (list = versions): NoticeContent => ({ kind: "newer-version", versions: list });
const lifecycle = (retirementDate: string | null = "2027-01-15"): NoticeContent => ({
  kind: "lifecycle",
  lifecycle: { status: "deprecated", retirementDate, source: "openai", seenOn: "2026-11-24" },
});

/** What Slack shows: the mrkdwn of every section and context block. */
const shown = (message: { blocks: unknown[] }) =>
  (message.blocks as { type: string; text?: { text: string }; elements?: { text?: string }[] }[])
    .flatMap((b) => (b.type === "section" ? [b.text!.text] : b.type === "context" ? b.elements!.map((e) => e.text ?? "") : []))
    .join("\n");
const actionIds = (message: { blocks: unknown[] }) =>
  (message.blocks as { block_id?: string; elements?: { action_id: string }[] }[])
    .filter((b) => b.block_id === BLOCK.modelNoticeActions)
    .flatMap((b) => b.elements!.map((e) => e.action_id));

describe("a newer-version notice", () => {
  it("names the model, its role in the decision, every version with its date and a link to the source, and offers the three actions", () => {
    const message = buildModelNotice(notice(newer()));
    const text = shown(message);
    expect(text).toContain(
      "<@UREQ> Newer versions of `gpt-4o-2024-05-13`, the production model and the model to fine-tune of decision #4, are out:",
    );
    expect(text).toContain(
      "• `gpt-4o-2024-11-20`, released 2024-11-20 (per <https://platform.openai.com/docs/models/gpt-4o-2024-11-20|OpenAI>)",
    );
    expect(text).toContain("(per <https://models.dev|models.dev>)");
    expect(actionIds(message)).toEqual([ACTION.reEvaluate, ACTION.ignoreVersion, ACTION.snoozeVersion]);
    expect(JSON.stringify(message.blocks)).toContain("Ignore these versions");
    expect(JSON.stringify(buildModelNotice(notice(newer(versions.slice(0, 1)))).blocks)).toContain("Ignore this version");
    expect(validateMessageBlocks(message.blocks)).toEqual([]);
  });

  it.each([
    [
      "the production model",
      "yes",
      "gpt-4o-2024-05-13",
      "gpt-4o-mini-2024-07-18",
      /prompted baseline may now meet the target/,
      /re-tun|snapshot/,
    ],
    ["the model to fine-tune", "yes", "gpt-4o-mini-2024-07-18", "gpt-4o-mini-2024-07-18", /plan re-tuning/, /baseline/],
    [
      "the model to fine-tune",
      "not-yet",
      "gpt-4o-mini-2024-07-18",
      "gpt-4o-mini-2024-07-18",
      /start from the newer version/,
      /re-tun|snapshot/,
    ],
    ["the production model", "no", "gpt-4o-2024-05-13", null, /Re-measure the prompted baseline/, /fine-tun|snapshot|re-tun/],
  ] as const)(
    "says why it matters to %s of a %s decision, in words that fit the verdict",
    (label, fineTune, modelId, candidate, says, never) => {
      const text = shown(buildModelNotice(notice(newer(), { modelId, candidateModel: candidate, fineTune: fineTune as FineTune })));
      expect(text).toContain(`, ${label} of decision #4`);
      expect(text).toMatch(says);
      expect(text).not.toMatch(never);
    },
  );

  it("lists the newest versions when there are many, within Slack's limits", () => {
    const many = Array.from({ length: 80 }, (_, i) => ({
      id: `vendor/model-${"x".repeat(150)}-${i}`,
      releaseDate: null,
      source: "huggingface",
    }));
    const message = buildModelNotice(notice(newer(many)));
    expect(validateMessageBlocks(message.blocks)).toEqual([]);
    expect(shown(message)).toContain(`model-${"x".repeat(150)}-79`);
    expect(shown(message)).toContain("…and 60 older ones.");
  });

  it("escapes catalog text and encodes it in links: it is not ours either", () => {
    const hostile = [{ id: "<!channel>|x>", releaseDate: null, source: "<https://evil.example|x>" }];
    const message = buildModelNotice(notice(newer(hostile)));
    const text = [message.text, shown(message)].join("\n");
    expect(text).toContain("&lt;!channel&gt;");
    expect(text).not.toContain("<!channel>");
    expect(text).not.toContain("<https://evil");
    const openRouter = buildModelNotice(notice(newer([{ id: "a|b>c", releaseDate: null, source: "openrouter" }])));
    expect(shown(openRouter)).toContain("<https://openrouter.ai/models?q=a%7Cb%3Ec|OpenRouter>");
  });
});

describe("a lifecycle notice", () => {
  it("carries the date it was found, the retirement date, a link to the source and the same buttons", () => {
    const message = buildModelNotice(notice(lifecycle()));
    const text = shown(message);
    expect(text).toContain(
      "`gpt-4o-2024-05-13`, the production model and the model to fine-tune of decision #4, is deprecated as of 2026-11-24",
    );
    expect(text).toContain("(per <https://platform.openai.com/docs/deprecations|OpenAI>); it retires on *2027-01-15*.");
    expect(text).toMatch(/A fine-tune on it stops working when it retires/);
    expect(actionIds(message)).toEqual([ACTION.reEvaluate, ACTION.ignoreVersion, ACTION.snoozeVersion]);
    expect(JSON.stringify(message.blocks)).toContain("Ignore this warning");
    expect(validateMessageBlocks(message.blocks)).toEqual([]);
  });

  it("says when no retirement date is known, and talks of no fine-tune on a decision that makes none", () => {
    const text = shown(buildModelNotice(notice(lifecycle(null), { fineTune: "no" })));
    expect(text).toContain("no retirement date is given yet");
    expect(text).not.toMatch(/fine-tun/);
  });
});

describe("a used notice", () => {
  it.each([
    [{ state: "ignored", actedBy: "UA" }, "Ignored by <@UA>."],
    [{ state: "snoozed", actedBy: "UB", snoozedUntil: "2026-12-24T00:00:00.000Z" }, `Snoozed until 2026-12-24 by <@UB>`],
    [{ state: "re-evaluated", actedBy: "UREQ", followUpId: 120, followUpNumber: 12 }, "Re-evaluated by <@UREQ> as decision #12"],
  ] as const)("shows what was done and by whom, without its buttons (%j)", (state, says) => {
    const message = buildModelNotice(notice(newer(), { notice: state as Partial<ModelNotice> }));
    expect(shown(message)).toContain(says);
    expect(actionIds(message)).toEqual([]);
    expect(shown(message)).toContain("`gpt-4o-2024-11-20`");
  });

  it(`snoozes for ${SNOOZE_DAYS} days by its label`, () => {
    expect(JSON.stringify(buildModelNotice(notice(newer())).blocks)).toContain(`Snooze ${SNOOZE_DAYS} days`);
  });
});

describe("readNoticeClick", () => {
  const body = (over: Record<string, unknown> = {}) => ({
    user: { id: "UA1" },
    channel: { id: "C123" },
    message: { ts: "1700000000.000100" },
    container: { type: "message", channel_id: "C123", message_ts: "1700000000.000100" },
    ...over,
  });

  it("reads who clicked, where, and on which message, from the envelope", () => {
    expect(readNoticeClick(body())).toEqual({ userId: "UA1", channelId: "C123", messageTs: "1700000000.000100" });
    expect(readNoticeClick(body({ channel: undefined, message: undefined }))).toEqual({
      userId: "UA1",
      channelId: "C123",
      messageTs: "1700000000.000100",
    });
  });

  it.each([
    ["no message", { message: undefined, container: { type: "view" } }],
    ["a channel and a container that disagree", { channel: { id: "G999" } }],
    ["a message and a container that disagree", { message: { ts: "1700000000.000200" } }],
    ["a user id that is not one", { user: { id: "<!channel>" } }],
  ])("refuses %s", (_name, over) => {
    expect(readNoticeClick(body(over))).toBeNull();
  });
});
