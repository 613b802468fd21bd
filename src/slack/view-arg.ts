import type { View } from "@slack/types";

/**
 * A view as the Web API argument `view`, already JSON. @slack/web-api 8 walks an object argument and stringifies it a
 * second time for a debug log line, even with debug logging off, at a cost that grows with the view; a string is sent
 * as it is (Slack takes `view` as a JSON-encoded string: https://docs.slack.dev/reference/methods/views.open).
 */
export function viewArg(view: View): View {
  return JSON.stringify(view) as unknown as View;
}
