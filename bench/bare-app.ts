// The baseline for the HTTP benchmark: the smallest Bolt app that answers /should-we-finetune by opening a one-block
// modal, with Bolt's defaults. Started by bench/http-section.ts as its own process; prints "HTTP on port N".
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App } from "@slack/bolt";

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`bare-app: ${name} is required`);
  return value;
};

const app = new App({
  token: env("SLACK_BOT_TOKEN"),
  signingSecret: env("SLACK_SIGNING_SECRET"),
  clientOptions: { slackApiUrl: env("SLACK_API_URL") },
});

app.command("/should-we-finetune", async ({ ack, client, command }) => {
  await ack();
  await client.views.open({
    trigger_id: command.trigger_id,
    view: {
      type: "modal",
      callback_id: "bare",
      title: { type: "plain_text", text: "Bare Bolt" },
      blocks: [{ type: "section", text: { type: "mrkdwn", text: "Hello from a bare Bolt app." } }],
    },
  });
});

const server = (await app.start(Number(process.env.PORT ?? 0))) as Server;
app.logger.info(`bare-app is running (HTTP on port ${(server.address() as AddressInfo).port})`);

process.once("SIGTERM", () => {
  void app.stop().finally(() => process.exit(0));
});
