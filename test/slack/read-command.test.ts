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
    ["list", { kind: "list", all: false }],
    ["list all", { kind: "list", all: true }],
    ["show 12", { kind: "show", id: 12 }],
    ["show #12", { kind: "show", id: 12 }],
  ])("%j", (text, expected) => {
    expect(readCommand(text)).toEqual(expected);
  });

  it.each(["list everything", "show", "show abc"])("%j shows help with the problem", (text) => {
    const request = readCommand(text);
    expect(request.kind).toBe("help");
    expect(request.kind === "help" && request.problem).toBeTruthy();
  });

  it("cuts a title to the 150 characters Answers allows", () => {
    const request = readCommand("t".repeat(300));
    expect(request.kind === "open" && request.title?.length).toBe(150);
  });
});
