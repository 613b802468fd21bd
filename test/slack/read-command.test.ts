import { describe, expect, it } from "vitest";
import { readCommand } from "../../src/slack/readers/read-command.js";

describe("readCommand", () => {
  it.each([
    ["", { kind: "open" }],
    ["   ", { kind: "open" }],
    ["Ticket triage", { kind: "open", title: "Ticket triage" }],
    ["&lt;!channel&gt; triage", { kind: "open", title: "<!channel> triage" }],
    ["help", { kind: "help" }],
    ["HELP", { kind: "help" }],
    ["list", { kind: "list", list: { scope: "channel" } }],
    ["list all", { kind: "list", list: { scope: "workspace" } }],
    ["LIST ALL", { kind: "list", list: { scope: "workspace" } }],
    ["list model:gpt-4o", { kind: "list", list: { scope: "workspace", model: "gpt-4o" } }],
    ["list status:in-review", { kind: "list", list: { scope: "workspace", status: "in-review" } }],
    ["list status:Superseded", { kind: "list", list: { scope: "workspace", status: "superseded" } }],
    ["list verdict:not-yet", { kind: "list", list: { scope: "workspace", verdict: "not-yet" } }],
    ["list channel:#ml-decisions", { kind: "list", list: { scope: "workspace", channel: { name: "ml-decisions" } } }],
    ["list channel:&lt;#C0123ABCD|ml&gt;", { kind: "list", list: { scope: "workspace", channel: { id: "C0123ABCD" } } }],
    ["list channel:C0123ABCDE", { kind: "list", list: { scope: "workspace", channel: { id: "C0123ABCDE" } } }],
    [
      "list all model:llama status:approved verdict:yes",
      { kind: "list", list: { scope: "workspace", model: "llama", status: "approved", verdict: "yes" } },
    ],
    ["search triage", { kind: "list", list: { scope: "workspace", text: "triage" } }],
    ["search ticket triage status:approved", { kind: "list", list: { scope: "workspace", text: "ticket triage", status: "approved" } }],
    ["search 50%_off", { kind: "list", list: { scope: "workspace", text: "50%_off" } }],
    ["show 12", { kind: "show", number: 12, markdown: false }],
    ["show #12", { kind: "show", number: 12, markdown: false }],
    ["show 12 --markdown", { kind: "show", number: 12, markdown: true }],
    ["show --markdown #12", { kind: "show", number: 12, markdown: true }],
    ["show 9007199254740991", { kind: "show", number: 9007199254740991, markdown: false }],
  ])("%j", (text, expected) => {
    expect(readCommand(text)).toEqual(expected);
  });

  it.each([
    ["list everything", '"everything" is not a filter'],
    ["list status:done", '"done" is not a status: use in-review, approved, changes-requested, superseded.'],
    ["list verdict:maybe", '"maybe" is not a verdict: use yes, not-yet, no.'],
    ["list channel:#Bad Name!", '"Name!" is not a filter'],
    ["list channel:<nope>", '"<nope>" is not a channel'],
    ["search", '"search" needs words'],
    ["search status:approved", '"search" needs words'],
    ["show", '"show" needs a decision number'],
    ["show abc", '"show" needs a decision number'],
    ["show 1 2", '"show" needs a decision number'],
    ["show 0", "There is no decision #0."],
    ["show 99999999999999999999999", "There is no decision #99999999999999999999999."],
    ["show 9007199254740993", "There is no decision #9007199254740993."],
  ])("%j shows help with the problem in plain words", (text, problem) => {
    const request = readCommand(text);
    expect(request.kind).toBe("help");
    expect(request.kind === "help" && request.problem).toContain(problem);
  });

  it("cuts a title to the 150 characters Answers allows", () => {
    const request = readCommand("t".repeat(300));
    expect(request.kind === "open" && request.title?.length).toBe(150);
  });
});
