// Message metadata as Slack takes it (docs.slack.dev, "Using message metadata"): an `event_type` of letters, digits,
// underscores and hyphens, and an `event_payload` object of strings, numbers, booleans, objects and arrays. Slack
// keeps the message and drops metadata it cannot take, with a warning: so must the emulator, or a post the app could
// never find again after a crash (its key lost with its metadata) would pass here.
import { isObject, type Json } from "./block-kit-checks.js";

const EVENT_TYPE = /^[A-Za-z0-9_-]{1,255}$/;

function validValue(value: unknown): boolean {
  if (typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(validValue);
  return isObject(value) && Object.values(value).every(validValue);
}

/** The metadata to keep (undefined when none was sent or it was dropped) and the warning for a dropped one. */
export function readMetadata(value: unknown): { metadata?: Json; warning?: string } {
  if (value === undefined) return {};
  if (!isObject(value) || typeof value.event_type !== "string" || !isObject(value.event_payload)) {
    return { warning: "invalid_metadata_format" };
  }
  if (!EVENT_TYPE.test(value.event_type) || !validValue(value.event_payload)) return { warning: "invalid_metadata_schema" };
  return { metadata: value };
}
