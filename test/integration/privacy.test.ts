import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTION, BLOCK } from "../../src/slack/ids.js";
import type { Decision } from "../../src/store/decisions.js";
import { validAnswers } from "../support/answers.js";
import { CHANNEL, type Harness, PRIVATE_CHANNEL, REQUESTER, REVIEWERS, runReview, startHarness, WAIT_MS } from "../support/harness.js";

// A decision is shown only to the members of its channel (and to its requester), on every surface, and buttons act
// only on decisions of the channel they were pressed in. Eve is in the workspace and in the general channel, not in the private one
// nor in the public "team" channel; ids are guessable, so she tries them all.

const [ALICE, BOB] = REVIEWERS;
const EVE = "UEVE";
const TEAM_CHANNEL = "CTEAM";
const FORGED_TS = "1700000000.000100";
let h: Harness;
let secret: Decision;
let team: Decision;
let open: Decision;

beforeAll(async () => {
  h = await startHarness();
  h.emulator.addUser({ id: EVE, name: "eve" });
  h.emulator.channel(CHANNEL)!.members.push(EVE);
  // The bot was invited to the private channel; "team" is public, and Eve is not in it.
  h.emulator.channel(PRIVATE_CHANNEL)!.members.push(h.emulator.botUserId);
  h.emulator.addChannel({ id: TEAM_CHANNEL, name: "team", members: [h.emulator.botUserId, REQUESTER, ALICE!] });
  secret = (await runReview(h, validAnswers({ title: "Secret merger classifier" }), { channelId: PRIVATE_CHANNEL })).decision;
  team = (await runReview(h, validAnswers({ title: "Team roadmap summariser" }), { channelId: TEAM_CHANNEL })).decision;
  open = (await runReview(h, validAnswers({ title: "Open triage bot" }))).decision;
  await h.settled();
});
afterAll(async () => {
  await h.stop();
});

async function reply(userId: string, text: string, channelId = CHANNEL): Promise<string> {
  const res = await h.driver.sendSlashCommand({ userId, channelId, text });
  expect(res.status).toBe(200);
  return JSON.stringify(res.json);
}

async function homeOf(userId: string): Promise<string> {
  const before = h.emulator.callsTo("views.publish").filter((c) => c.args.user_id === userId).length;
  await h.driver.sendAppHomeOpened(userId);
  await h.emulator.waitFor(
    () => h.emulator.callsTo("views.publish").filter((c) => c.args.user_id === userId).length > before,
    WAIT_MS,
    "App Home published",
  );
  return JSON.stringify(h.emulator.homeView(userId)!.view);
}

/** What the person who pressed a button was told, and what happened. */
async function press(userId: string, actionId: string, blockId: string, channelId: string, messageTs: string, value?: string) {
  const notes = h.emulator.callsTo("response_url").length;
  const opened = h.emulator.callsTo("views.open").length;
  // With a value, the button is forged: it sits on no message the emulator holds, so nothing checks it against one.
  const place = value ? { value, messageTs: FORGED_TS } : { messageTs };
  const res = await h.driver.sendBlockAction({ userId, actionId, blockId, channelId, ...place });
  expect(res.status).toBe(200);
  await h.emulator.waitFor(() => h.emulator.callsTo("response_url").length > notes, WAIT_MS, "the note to the presser");
  return {
    note: JSON.stringify(h.emulator.callsTo("response_url").at(-1)!.args),
    opened: h.emulator.callsTo("views.open").length - opened,
  };
}

describe("who sees which decisions", () => {
  it("someone outside a private channel never sees its decisions: list all, filters, search, show, the record", async () => {
    for (const text of ["list all", "list status:in-review", "list model:gpt-4o", "search merger", `list channel:#secret`]) {
      expect(await reply(EVE, text)).not.toContain("Secret merger");
    }
    expect(await reply(EVE, "list channel:#secret")).toContain("No decisions you can see in that channel");
    expect(await reply(EVE, `show ${secret.number}`)).toContain(`There is no decision #${secret.number} you can see`);
    expect(await reply(EVE, `show ${secret.number} --markdown`)).toContain(`There is no decision #${secret.number} you can see`);
    // A number that does not exist reads the same: a guess tells nothing.
    expect((await reply(EVE, "show 4242")).replaceAll("#4242 ", "#N ")).toBe(
      (await reply(EVE, `show ${secret.number}`)).replaceAll(`#${secret.number} `, "#N "),
    );
  });

  it("a member sees them, and so does the requester", async () => {
    expect(await reply(ALICE, "list all")).toContain("Secret merger");
    expect(await reply(ALICE, "search merger")).toContain("Secret merger");
    expect(await reply(ALICE, `show ${secret.number}`)).toContain("Secret merger");
    expect(await reply(ALICE, `show ${secret.number} --markdown`)).toContain("Secret merger");
    expect(await reply(REQUESTER, "list all")).toContain("Secret merger");
  });

  it("a public channel's decisions are shown to its members only, like a private channel's", async () => {
    expect(await reply(EVE, "list all")).not.toContain("Team roadmap");
    expect(await reply(EVE, `show ${team.number}`)).toContain("you can see");
    expect(await reply(ALICE, "list all")).toContain("Team roadmap");
    expect(await reply(EVE, "list all")).toContain("Open triage bot");
  });

  it("App Home shows a non-member nothing of the channel, not even as waiting for review; a member sees it", async () => {
    const eve = await homeOf(EVE);
    expect(eve).toContain("Open triage bot");
    expect(eve).not.toContain("Secret merger");
    expect(eve).not.toContain("Team roadmap");
    const alice = await homeOf(ALICE!);
    expect(alice).toContain("Secret merger");
    expect(alice).toContain("Team roadmap");
  });

  it("fails closed: when Slack will not say who is in a channel, its decisions are shown to nobody else", async () => {
    const flakyChannel = h.emulator.addChannel({
      id: "GFLAKY",
      name: "flaky",
      isPrivate: true,
      members: [h.emulator.botUserId, REQUESTER, BOB!],
    });
    const flaky = (await runReview(h, validAnswers({ title: "Flaky channel decision" }), { channelId: "GFLAKY" })).decision;
    // The bot was removed from the channel: Slack answers channel_not_found about its members.
    flakyChannel.members = flakyChannel.members.filter((m) => m !== h.emulator.botUserId);
    expect(await reply(BOB!, `show ${flaky.number}`)).toContain("you can see");
    expect(await reply(REQUESTER, `show ${flaky.number}`)).toContain("Flaky channel decision");
  });
});

describe("buttons act only where they were pressed, and only for the people allowed", () => {
  it("a forged Approve from another channel, or from someone outside the channel, changes nothing", async () => {
    // The private verdict's ts, claimed from the general channel: no decision there has that message.
    const elsewhere = await h.driver.sendBlockAction({
      userId: EVE,
      actionId: ACTION.approveDecision,
      blockId: BLOCK.verdictActions,
      channelId: CHANNEL,
      messageTs: secret.messageTs!,
    });
    expect(elsewhere.status).toBe(200);
    // Claimed from inside the private channel, by someone who is not in it.
    const { note } = await press(EVE, ACTION.approveDecision, BLOCK.verdictActions, PRIVATE_CHANNEL, secret.messageTs!);
    expect(note).toContain("Only members of this decision's channel can act on it.");
    await h.settled();
    expect(h.decision(secret.id)?.status).toBe("in-review");
    const reviews = JSON.stringify(h.jobs(secret.id).map((j) => j.kind));
    expect(reviews).not.toContain("post-status");
  });

  it("a forged Revise answers or Give a reason naming another channel's decision opens nothing", async () => {
    for (const actionId of [ACTION.reviseAnswers, ACTION.giveReason]) {
      const { note, opened } = await press(EVE, actionId, "forged", CHANNEL, FORGED_TS, String(secret.id));
      expect(note).toContain("This button is not on a decision of this channel.");
      expect(opened).toBe(0);
    }
    // A member of the general channel pressing Revise on its decision, though neither requester nor reviewer:
    const outsider = await startReviewerless();
    expect(outsider).toContain("Only the requester or a reviewer can revise this decision.");
  });

  it("View answers opens a private decision's answers to nobody outside its channel, however the press is made", async () => {
    // Named from another channel, and pressed (forged) inside the private channel by someone not in it.
    for (const channelId of [CHANNEL, PRIVATE_CHANNEL]) {
      const { note, opened } = await press(EVE, ACTION.viewAnswers, BLOCK.verdictActions, channelId, FORGED_TS, String(secret.id));
      expect(note).toContain("This decision is not one you can see here.");
      expect(opened).toBe(0);
    }
  });

  it("the decision record button, forged in a modal, shows a private decision to nobody outside its channel", async () => {
    const recordPushedFor = async (decision: Decision) => {
      const pushes = h.emulator.callsTo("views.push").length;
      const forged = {
        id: `VFORGED${decision.id}`,
        type: "modal",
        blocks: [
          {
            type: "actions",
            block_id: BLOCK.answersExport,
            elements: [
              { type: "button", action_id: ACTION.exportRecord, text: { type: "plain_text", text: "x" }, value: String(decision.id) },
            ],
          },
        ],
      };
      const res = await h.driver.sendBlockAction({
        userId: EVE,
        actionId: ACTION.exportRecord,
        blockId: BLOCK.answersExport,
        view: forged,
      });
      expect(res.status).toBe(200);
      const push = await h.emulator.waitFor(() => h.emulator.callsTo("views.push")[pushes], WAIT_MS, "a view pushed");
      return JSON.stringify(push.args.view);
    };
    for (const hidden of [secret, team]) {
      const shown = await recordPushedFor(hidden);
      expect(shown).toContain("This decision is not one you can see here.");
      expect(shown).not.toContain(hidden.title);
    }
    // The same press on a decision of a channel she is in shows its record.
    expect(await recordPushedFor(open)).toContain(`# ${open.number}. Open triage bot`);
  });

  it("a forged Older decisions for a private channel lists nothing of it", async () => {
    const value = JSON.stringify({ query: { filter: { channelId: PRIVATE_CHANNEL }, title: "in #secret" }, before: 1_000_000 });
    const { note } = await press(EVE, ACTION.listOlder, BLOCK.listPaging, CHANNEL, FORGED_TS, value);
    expect(note).not.toContain("Secret merger");
    expect(note).toContain("No older decisions");
  });
});

/** Revise pressed by a channel member who may not review (REVIEWERS names only Alice): refused. */
async function startReviewerless(): Promise<string> {
  await h.restart({ REVIEWERS: ALICE! });
  const { note, opened } = await press(EVE, ACTION.reviseAnswers, "forged", CHANNEL, FORGED_TS, String(open.id));
  expect(opened).toBe(0);
  await h.restart();
  return note;
}
