import { isObject, type Json } from "./block-kit-checks.js";

// Form-encoded Web API calls JSON-stringify non-scalar arguments per field.
const JSON_FIELDS = ["blocks", "attachments", "view", "metadata", "outputs"];

/**
 * Web API arguments from a form-urlencoded or JSON body. Form fields stay strings,
 * except the JSON fields above (left as the raw string when they do not parse, so
 * the method can answer e.g. `invalid_blocks_format`). Undefined = unparseable JSON body.
 */
export function parseApiArgs(raw: string, contentType: string | undefined): Json | undefined {
  if (contentType?.includes("application/json")) {
    try {
      const parsed: unknown = raw === "" ? {} : JSON.parse(raw);
      return isObject(parsed) ? parsed : undefined;
    } catch {
      return undefined;
    }
  }
  const args: Json = Object.fromEntries(new URLSearchParams(raw));
  for (const field of JSON_FIELDS) {
    const value = args[field];
    if (typeof value !== "string") continue;
    try {
      args[field] = JSON.parse(value);
    } catch {
      // keep the string; the handler rejects it
    }
  }
  return args;
}

export function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}
