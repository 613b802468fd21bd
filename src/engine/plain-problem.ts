import type { z } from "zod";

// zod's own messages read like a type checker ("Invalid input: expected array, received undefined"); people filling
// an answers file get these instead.

const WHAT: Record<string, string> = {
  array: "a list",
  boolean: "true or false",
  number: "a number",
  int: "a whole number",
  string: "text",
  object: "a group of fields",
};

/** One zod issue in plain words, for the line after the field's path. */
export function plainMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type": {
      const what = WHAT[issue.expected] ?? issue.expected;
      if (issue.input === undefined) return `is missing: give ${what}`;
      if (typeof issue.input === "number" && Number.isNaN(issue.input)) return `must be ${what}`;
      if (issue.expected === "int" && typeof issue.input === "number") return "must be a whole number";
      return `must be ${what}, not ${describe(issue.input)}`;
    }
    case "invalid_value":
      return issue.values.length === 1 ? `must be ${quote(issue.values[0])}` : `must be one of ${issue.values.map(quote).join(", ")}`;
    case "too_small":
      return tooSmall(issue);
    case "too_big":
      return tooBig(issue);
    case "invalid_format":
      return issue.message.startsWith("Invalid") ? `is not a valid ${issue.format}` : issue.message;
    case "not_multiple_of":
      return `must be a multiple of ${issue.divisor}`;
    default:
      return issue.message;
  }
}

function tooSmall(issue: z.core.$ZodIssueTooSmall): string {
  if (!issue.message.startsWith("Too small")) return issue.message;
  const min = Number(issue.minimum);
  if (issue.origin === "number") {
    if (min === 0) return issue.inclusive ? "can't be negative" : "must be more than 0";
    return issue.inclusive ? `must be at least ${min}` : `must be more than ${min}`;
  }
  if (issue.origin === "string") return min <= 1 ? "can't be empty" : `needs at least ${min} characters`;
  if (issue.origin === "array") return min <= 1 ? "needs at least one item" : `needs at least ${min} items`;
  return `is too small (at least ${min})`;
}

function tooBig(issue: z.core.$ZodIssueTooBig): string {
  if (!issue.message.startsWith("Too big")) return issue.message;
  const max = Number(issue.maximum);
  if (issue.origin === "number") return issue.inclusive ? `must be at most ${max}` : `must be less than ${max}`;
  if (issue.origin === "string") return `is too long: at most ${max} characters`;
  if (issue.origin === "array") return `has too many items: at most ${max}`;
  return `is too big (at most ${max})`;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string") return `text (${JSON.stringify(value.length > 30 ? `${value.slice(0, 30)}…` : value)})`;
  if (typeof value === "object") return "a group of fields";
  return `${typeof value === "boolean" || typeof value === "number" ? String(value) : typeof value}`;
}

function quote(value: unknown): string {
  return JSON.stringify(value);
}
