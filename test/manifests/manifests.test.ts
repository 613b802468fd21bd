import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { COMMAND, SHORTCUT } from "../../src/slack/ids.js";

const read = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8"));
// Slack's official app-manifest schema (slackapi/manifest-schema), vendored for offline validation.
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
  });

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
    if (name === "http") {
      expect(manifest.features.slash_commands[0].url).toMatch(/\/slack\/events$/);
      expect(manifest.settings.event_subscriptions.request_url).toMatch(/\/slack\/events$/);
    }
  });
});
