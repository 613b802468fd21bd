import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { DECISION_EVENT_TYPES, DecisionEventPayload } from "../../src/slack/decision-events.js";
import { COMMAND, FUNCTION, SHORTCUT, WORKFLOW_INPUT, WORKFLOW_OUTPUT } from "../../src/slack/ids.js";
import { BOT_SCOPES, REDIRECT_PATH } from "../../src/slack/install-scopes.js";

const read = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8"));
// Slack's official app-manifest schema (slackapi/manifest-schema v0.5.0), vendored for offline validation. Version 2.0.0:
// 1.0.0 cannot express a custom step's parameters (`properties` and `required`, as Slack's own examples write them).
const schema = read("../fixtures/slack/manifest.schema.2.0.0.json");
const validate = new Ajv({ allErrors: true, strict: false, validateFormats: false }).compile(schema);

const manifests = {
  http: read("../../manifests/manifest.http.json"),
  socket: read("../../manifests/manifest.socket-mode.json"),
};

describe("app manifests", () => {
  it.each(Object.entries(manifests))("%s manifest is valid against Slack's schema", (_name, manifest) => {
    const ok = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it("the schema rejects a broken manifest, so the check can fail", () => {
    const broken = structuredClone(manifests.http);
    broken.features.slash_commands[0].command = "should-we-finetune";
    broken.display_information.name = "";
    expect(validate(broken)).toBe(false);
    const badMenuUrl = structuredClone(manifests.http);
    badMenuUrl.settings.interactivity.message_menu_options_url = "/slack/events";
    expect(validate(badMenuUrl)).toBe(false);
  });

  it("the schema rejects a custom step it could not run, so the step's check can fail", () => {
    const broken = structuredClone(manifests.http);
    broken.functions[FUNCTION.assessFineTuning].output_parameters.properties.verdict.type = "text";
    expect(validate(broken)).toBe(false);
    const untitled = structuredClone(manifests.http);
    delete untitled.functions[FUNCTION.assessFineTuning].title;
    expect(validate(untitled)).toBe(false);
  });

  it.each(Object.entries(manifests))(
    "%s manifest declares the workflow step the app runs, org-ready as Slack requires",
    (_name, manifest) => {
      expect(Object.keys(manifest.functions)).toEqual([FUNCTION.assessFineTuning]);
      const step = manifest.functions[FUNCTION.assessFineTuning];
      expect(step.title).toBe("Assess fine-tuning");
      expect(Object.keys(step.input_parameters.properties).sort()).toEqual(Object.values(WORKFLOW_INPUT).sort());
      expect(step.input_parameters.required).not.toContain(WORKFLOW_INPUT.candidateModel);
      expect(Object.keys(step.output_parameters.properties).sort()).toEqual(Object.values(WORKFLOW_OUTPUT).sort());
      expect(step.output_parameters.required.sort()).toEqual(Object.values(WORKFLOW_OUTPUT).sort());
      expect(manifest.settings.event_subscriptions.bot_events).toContain("function_executed");
      expect(manifest.settings.org_deploy_enabled).toBe(true);
      expect(manifest.settings.function_runtime).toBe("remote");
    },
  );

  it.each(Object.entries(manifests))("%s manifest declares what the app binds", (name, manifest) => {
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).toEqual([COMMAND]);
    expect(manifest.features.shortcuts.map((s: { callback_id: string }) => s.callback_id)).toEqual([SHORTCUT.reviewInThread]);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(
      expect.arrayContaining(["reaction_added", "reaction_removed", "app_home_opened", "member_joined_channel"]),
    );
    expect(manifest.oauth_config.scopes.bot).toEqual(
      // history scopes: after a crash the app looks up a post it may have made before sending it again.
      expect.arrayContaining([
        "commands",
        "chat:write",
        "reactions:read",
        "channels:join",
        "channels:read",
        "groups:read",
        "channels:history",
        "groups:history",
      ]),
    );
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(name === "socket");
    // What the install link asks for is what the manifest grants.
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...BOT_SCOPES].sort());
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(expect.arrayContaining(["app_uninstalled", "tokens_revoked"]));
    if (name === "http") {
      expect(manifest.oauth_config.redirect_urls.map((u: string) => new URL(u).pathname)).toEqual([REDIRECT_PATH]);
      expect(manifest.features.slash_commands[0].url).toMatch(/\/slack\/events$/);
      expect(manifest.settings.event_subscriptions.request_url).toMatch(/\/slack\/events$/);
      // The model menus' options requests come to the same endpoint as every other interaction.
      expect(manifest.settings.interactivity.message_menu_options_url).toBe(manifest.settings.interactivity.request_url);
    }
  });
});

describe("the message metadata events the app sends", () => {
  // Slack's manifest schema has no place for the metadata an app sends; this file declares it in the shape of Slack's
  // event definitions, and must say what the app really sends.
  const declared = read("../../manifests/metadata-events.json") as Record<
    string,
    { type: string; properties: Record<string, { type: string }>; required: string[] }
  >;
  const sent = z.toJSONSchema(DecisionEventPayload) as {
    properties: Record<string, { type: string }>;
    required: string[];
  };

  it("declares every event type the app sends, with the payload it sends", () => {
    expect(Object.keys(declared).sort()).toEqual([...DECISION_EVENT_TYPES].sort());
    for (const [type, event] of Object.entries(declared)) {
      const fields = Object.keys(sent.properties).filter((name) => name !== "superseded_by" || type === "decision_superseded");
      expect(Object.keys(event.properties).sort(), type).toEqual(fields.sort());
      expect(event.required.sort(), type).toEqual([...sent.required].sort());
      for (const name of fields) expect(event.properties[name]?.type, `${type}.${name}`).toBe(sent.properties[name]?.type);
    }
  });
});
