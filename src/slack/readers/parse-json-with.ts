import type { z } from "zod";

/** Parses JSON text we put into a Slack payload earlier (metadata, button values); null when it is not ours. */
export function parseJsonWith<S extends z.ZodType>(schema: S, text: string | undefined): z.infer<S> | null {
  try {
    const parsed = schema.safeParse(JSON.parse(text ?? ""));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
