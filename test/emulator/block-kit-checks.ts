// Low-level checks shared by the block and element validators. Messages copy the
// wording Slack puts in `response_metadata.messages` ("must be less than 3001
// characters", "no more than 10 items allowed", "missing required field: x").

/** One thing Slack would reject; `pointer` is a JSON pointer into the request (`/blocks/0/text/text`). */
export interface Problem {
  pointer: string;
  message: string;
}

export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

/** Slack's own rendering of a problem: `must be less than 25 characters [json-pointer:/view/title/text]`. */
export const formatProblem = (p: Problem): string => `${p.message} [json-pointer:${p.pointer}]`;

export class Checker {
  readonly problems: Problem[] = [];

  add(pointer: string, message: string): void {
    this.problems.push({ pointer, message });
  }

  /** Rejects keys Slack's schema does not know (Slack: "invalid additional property"). */
  keys(obj: Json, pointer: string, allowed: readonly string[]): void {
    for (const key of Object.keys(obj)) {
      if (!allowed.includes(key)) this.add(`${pointer}/${key}`, `invalid additional property: ${key}`);
    }
  }

  required(obj: Json, key: string, pointer: string): boolean {
    if (obj[key] !== undefined && obj[key] !== null) return true;
    this.add(pointer, `missing required field: ${key}`);
    return false;
  }

  string(value: unknown, pointer: string, limits: { min?: number; max?: number } = {}): value is string {
    if (typeof value !== "string") {
      this.add(pointer, "must provide a string");
      return false;
    }
    const { min = 0, max } = limits;
    if (value.length < min) this.add(pointer, `must be more than ${min - 1} characters`);
    if (max !== undefined && value.length > max) this.add(pointer, `must be less than ${max + 1} characters`);
    return true;
  }

  optionalString(obj: Json, key: string, pointer: string, max: number): void {
    if (obj[key] !== undefined) this.string(obj[key], `${pointer}/${key}`, { max });
  }

  boolean(obj: Json, key: string, pointer: string): void {
    if (obj[key] !== undefined && typeof obj[key] !== "boolean") this.add(`${pointer}/${key}`, "must provide a boolean");
  }

  integer(obj: Json, key: string, pointer: string, min: number, max: number): number | undefined {
    const value = obj[key];
    if (value === undefined) return undefined;
    if (typeof value !== "number" || !Number.isInteger(value)) {
      this.add(`${pointer}/${key}`, "must provide an integer");
      return undefined;
    }
    if (value < min) this.add(`${pointer}/${key}`, `must be greater than or equal to ${min}`);
    if (value > max) this.add(`${pointer}/${key}`, `must be less than or equal to ${max}`);
    return value;
  }

  oneOf(obj: Json, key: string, pointer: string, allowed: readonly string[]): void {
    const value = obj[key];
    if (value !== undefined && !allowed.includes(value as string)) {
      this.add(`${pointer}/${key}`, `must be one of: ${allowed.join(", ")}`);
    }
  }

  array(value: unknown, pointer: string, limits: { min?: number; max: number }): value is unknown[] {
    if (!Array.isArray(value)) {
      this.add(pointer, "must provide an array");
      return false;
    }
    const { min = 0, max } = limits;
    if (value.length < min) this.add(pointer, `must provide at least ${min} items`);
    if (value.length > max) this.add(pointer, `no more than ${max} items allowed`);
    return true;
  }

  object(value: unknown, pointer: string): value is Json {
    if (isObject(value)) return true;
    this.add(pointer, "must provide an object");
    return false;
  }

  /**
   * A text object (`plain_text` or `mrkdwn`), 1..max characters. Absent is fine unless `required`;
   * the caller's pointer names the field, e.g. `/blocks/0/text`.
   */
  text(value: unknown, pointer: string, opts: { max?: number; plainOnly?: boolean; required?: boolean } = {}): void {
    const { max = 3000, plainOnly = false, required = false } = opts;
    if (value === undefined || value === null) {
      if (required) this.add(parentOf(pointer), `missing required field: ${lastSegment(pointer)}`);
      return;
    }
    if (!this.object(value, pointer)) return;
    if (value.type === "plain_text") {
      this.keys(value, pointer, ["type", "text", "emoji"]);
      this.boolean(value, "emoji", pointer);
    } else if (value.type === "mrkdwn" && !plainOnly) {
      this.keys(value, pointer, ["type", "text", "verbatim"]);
      this.boolean(value, "verbatim", pointer);
    } else {
      this.add(`${pointer}/type`, plainOnly ? "must be plain_text" : "must be one of: plain_text, mrkdwn");
      return;
    }
    if (this.required(value, "text", pointer)) this.string(value.text, `${pointer}/text`, { min: 1, max });
  }
}

const parentOf = (pointer: string): string => pointer.slice(0, pointer.lastIndexOf("/"));
const lastSegment = (pointer: string): string => pointer.slice(pointer.lastIndexOf("/") + 1);
