import type { IncomingMessage, ServerResponse } from "node:http";
import { parse } from "node:querystring";
import { type BufferedIncomingMessage, HTTPModuleFunctions, HTTPReceiver, type HTTPReceiverOptions } from "@slack/bolt";

const ENDPOINT = "/slack/events";
const FORM = "application/x-www-form-urlencoded";

/**
 * Bolt's HTTPReceiver, guarded against one body it cannot survive. Bolt 5.1.0 reads `body.ssl_check` off the parsed
 * body without checking it is an object, inside a promise nobody awaits (HTTPReceiver.handleIncomingEvent): a correctly
 * signed request whose body is JSON `null` (or `payload=null`) is an unhandled rejection, which ends the process. Such
 * a body is answered 400 here once its signature checks out (401 otherwise, as Bolt would). Every other request goes
 * to Bolt unchanged, which verifies and parses it as before, reusing the body read here.
 */
export function createHttpReceiver(options: HTTPReceiverOptions): HTTPReceiver {
  const receiver = new HTTPReceiver({ ...options, endpoints: ENDPOINT });
  const bolt = receiver.requestListener;
  const bodyLimit = options.bodyLimit ?? HTTPModuleFunctions.defaultBodyLimit;
  const verification = { enabled: true, signingSecret: options.signingSecret, bodyLimit };
  receiver.requestListener = (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== "POST" || new URL(req.url ?? "/", "http://localhost").pathname !== ENDPOINT) {
      bolt(req, res);
      return;
    }
    HTTPModuleFunctions.bufferIncomingMessage(req, bodyLimit)
      .then(
        async (buffered) => {
          if (!isNullBody(buffered)) {
            bolt(buffered, res);
            return;
          }
          try {
            await HTTPModuleFunctions.parseAndVerifyHTTPRequest(verification, buffered);
          } catch {
            HTTPModuleFunctions.buildNoBodyResponse(res, 401);
            return;
          }
          HTTPModuleFunctions.buildNoBodyResponse(res, 400);
        },
        // Not read: answered as Bolt answers it.
        (error: unknown) => HTTPModuleFunctions.buildNoBodyResponse(res, tooLarge(error) ? 413 : 401),
      )
      .catch(() => {
        if (!res.headersSent) HTTPModuleFunctions.buildNoBodyResponse(res, 500);
      });
  };
  return receiver;
}

/**
 * Whether Bolt's parseHTTPRequestBody would return null: the JSON body, or a form's `payload`, is `null`. (Slack's
 * `ssl_check=1` form is left to Bolt, which drops every other field of it.)
 */
function isNullBody(req: BufferedIncomingMessage): boolean {
  const raw = req.rawBody.toString();
  if (req.headers["content-type"] !== FORM) return raw.trim() === "null";
  const fields = parse(raw);
  return fields.ssl_check !== "1" && typeof fields.payload === "string" && fields.payload.trim() === "null";
}

function tooLarge(error: unknown): boolean {
  return HTTPModuleFunctions.isRawBodyError(error) && (error.type === "entity.too.large" || error.statusCode === 413);
}
