import { answersJsonSchema } from "../engine/answers.js";
import { type CliIo, EXIT_OK, EXIT_USAGE } from "./io.js";

export const SCHEMA_HELP = `Usage: cli schema

Prints the JSON Schema of the answers that "cli assess" reads, generated from the engine's zod schema.`;

export function runSchema(args: string[], io: CliIo): number {
  if (args.includes("--help") || args.includes("-h")) {
    io.stdout(SCHEMA_HELP);
    return EXIT_OK;
  }
  if (args.length > 0) {
    io.stderr(`schema: unexpected argument ${args[0]}`);
    return EXIT_USAGE;
  }
  io.stdout(JSON.stringify(answersJsonSchema(), null, 2));
  return EXIT_OK;
}
