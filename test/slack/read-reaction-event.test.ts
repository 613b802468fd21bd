import { describe, expect, it } from "vitest";
import { readReactionEvent } from "../../src/slack/readers/read-reaction-event.js";

const valid = {
  type: "reaction_added",
  user: "U0ALICE",
  reaction: "white_check_mark",
  item: { type: "message", channel: "C0GENERAL", ts: "1700000000.000100" },
};

describe("readReactionEvent", () => {
  it("reads a reaction on a message", () => {
    expect(readReactionEvent(valid, "Ev1")).toEqual({
      eventId: "Ev1",
      added: true,
      userId: "U0ALICE",
      reaction: "white_check_mark",
      channelId: "C0GENERAL",
      messageTs: "1700000000.000100",
    });
    expect(readReactionEvent({ ...valid, type: "reaction_removed" }, undefined)).toMatchObject({ added: false, eventId: undefined });
  });

  it.each([
    ["a numeric user", { ...valid, user: 5 }],
    ["an empty user", { ...valid, user: "" }],
    ["mention syntax as user", { ...valid, user: "<!channel>" }],
    ["no user", { ...valid, user: undefined }],
    ["a file item", { ...valid, item: { type: "file", file: "F1" } }],
    ["a channel that is not an id", { ...valid, item: { ...valid.item, channel: "general" } }],
    ["a ts that is not a ts", { ...valid, item: { ...valid.item, ts: "yesterday" } }],
    ["another event type", { ...valid, type: "message" }],
    ["null", null],
  ])("ignores %s", (_name, event) => {
    expect(readReactionEvent(event, "Ev1")).toBeNull();
  });
});
