import { describe, expect, it } from "vitest";
import { buildKitchenSinkModal } from "./kitchen-sink.js";
import { buildStateValues, UnsubmittableError } from "./view-state.js";

const required = { goal: "Classify support tickets", task: "v2", latency: "fast" };

describe("buildStateValues", () => {
  it("fills inputs the way Slack reports them, with initial values for the rest", () => {
    const values = buildStateValues(buildKitchenSinkModal(), {
      ...required,
      accuracy: 0.9,
      constraints: ["v3", "v4"],
      owner: "U1",
      reviewers: ["U1", "U2"],
      lookup: "anything",
    });
    expect(values.goal).toEqual({ goal_action: { type: "plain_text_input", value: "Classify support tickets" } });
    expect(values.examples).toEqual({ examples_action: { type: "number_input", value: "100" } });
    expect(values.accuracy?.accuracy_action).toEqual({ type: "number_input", value: "0.9" });
    expect(values.task?.task_action).toMatchObject({ selected_option: { value: "v2", text: { text: "Option 2" } } });
    expect(values.latency?.latency_action).toMatchObject({ selected_option: { value: "fast" } });
    expect(values.constraints?.constraints_action?.selected_options).toHaveLength(2);
    expect(values.owner?.owner_action).toEqual({ type: "users_select", selected_user: "U1" });
    expect(values.reviewers?.reviewers_action).toEqual({ type: "multi_users_select", selected_users: ["U1", "U2"] });
    expect(values.lookup?.lookup_action).toMatchObject({ selected_option: { value: "anything" } });
    expect(values.email?.email_action).toEqual({ type: "email_text_input", value: null });
    expect(values.tags?.tags_action).toEqual({ type: "multi_static_select", selected_options: [] });
  });

  it.each([
    ["an empty required input", { ...required, goal: null }, /goal is required/],
    ["text shorter than min_length", { ...required, goal: "abc" }, /shorter than 5/],
    ["a decimal where integers are asked", { ...required, examples: "1.5" }, /not a whole number/],
    ["a number above max_value", { ...required, accuracy: "2" }, /> max 1/],
    ["an option that is not offered", { ...required, task: "nope" }, /no option with value "nope"/],
    ["an unknown block id", { ...required, nope: "x" }, /no input block with block_id nope/],
  ])("refuses %s like the Slack client", (_name, fill, message) => {
    expect(() => buildStateValues(buildKitchenSinkModal(), fill)).toThrow(UnsubmittableError);
    expect(() => buildStateValues(buildKitchenSinkModal(), fill)).toThrow(message);
  });

  it("lets a test bypass client-side checks", () => {
    const values = buildStateValues(buildKitchenSinkModal(), { ...required, goal: null }, { clientChecks: false });
    expect(values.goal?.goal_action).toEqual({ type: "plain_text_input", value: null });
  });
});
