import { describe, expect, it } from "vitest";
import { buildLifecycleNotice, buildNewerVersionNotice, buildResolvedNotice } from "../../src/slack/builders/build-model-notice.js";
import { ACTION, BLOCK } from "../../src/slack/ids.js";
import { readNoticeAction } from "../../src/slack/readers/read-notice-action.js";
import { validateMessageBlocks } from "../emulator/block-kit-limits.js";

const decision = { id: 4, baseModel: "gpt-4o-2024-05-13", channelId: "C1", threadTs: "1.1", requesterId: "UREQ" };
const versions = [
  { id: "gpt-4o-2024-08-06", releaseDate: "2024-08-06", source: "models.dev" },
  { id: "gpt-4o-2024-11-20", releaseDate: "2024-11-20", source: "models.dev" },
];

describe("model notices", () => {
  it("names every version, mentions the requester and offers the three actions, within Slack's limits", () => {
    const notice = buildNewerVersionNotice(decision, versions);
    const text = JSON.stringify(notice.blocks);
    expect(text).toContain("<@UREQ>");
    expect(text).toContain("released 2024-11-20");
    expect(text).toContain("Ignore these versions");
    for (const id of [ACTION.reEvaluate, ACTION.ignoreVersion, ACTION.snoozeVersion]) expect(text).toContain(id);
    expect(validateMessageBlocks(notice.blocks)).toEqual([]);
    expect(JSON.stringify(buildNewerVersionNotice(decision, versions.slice(0, 1)).blocks)).toContain("Ignore this version");
  });

  it("round-trips the button value, and keeps the newest versions when many would not fit", () => {
    const many = Array.from({ length: 80 }, (_, i) => ({ id: `vendor/model-${"x".repeat(40)}-${i}`, releaseDate: null, source: "hf" }));
    const notice = buildNewerVersionNotice(decision, many);
    expect(validateMessageBlocks(notice.blocks)).toEqual([]);
    const actions = notice.blocks.find((b) => b.block_id === BLOCK.modelNoticeActions) as { elements: Array<{ value: string }> };
    const value = readNoticeAction(actions.elements[0]!.value);
    expect(value?.decisionId).toBe(4);
    expect(value?.models.at(-1)).toBe(many.at(-1)!.id);
    expect(value!.models.length).toBeLessThan(many.length);
  });

  it.each(["", "not json", '{"decisionId":"4","models":["a"]}', '{"decisionId":4,"models":[]}'])("rejects a button value %j", (raw) => {
    expect(readNoticeAction(raw)).toBeNull();
  });

  it("escapes catalog text, which is not ours either", () => {
    const hostile = [{ id: "<!channel>", releaseDate: null, source: "<https://evil.example|x>" }];
    const notice = buildNewerVersionNotice(decision, hostile);
    // What Slack renders: the top-level text and the mrkdwn of the section and context (button values are data).
    const rendered = [
      notice.text,
      ...notice.blocks.flatMap((b) => JSON.stringify((b as { type: string }).type === "actions" ? "" : b)),
    ].join("\n");
    expect(rendered).toContain("&lt;!channel&gt;");
    const text = rendered;
    expect(text).not.toContain("<!channel>");
    expect(text).not.toContain("<https://evil");
    const lifecycle = buildLifecycleNotice(
      { ...decision, baseModel: "<!here>" },
      { status: "deprecated", retirementDate: "2026-09-01", source: "openrouter" },
    );
    expect(lifecycle.text).not.toContain("<!here>");
    expect(lifecycle.text).toContain("2026-09-01");
  });

  it("replaces the buttons with the outcome once someone acted", () => {
    const notice = buildNewerVersionNotice(decision, versions);
    const resolved = buildResolvedNotice(notice.blocks, "Ignored by <@UA>.");
    expect(JSON.stringify(resolved)).not.toContain(ACTION.reEvaluate);
    expect(JSON.stringify(resolved)).toContain("Ignored by");
  });
});
