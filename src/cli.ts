import { pathToFileURL } from "node:url";
import { runAssess } from "./cli/assess.js";
import { type CliIo, EXIT_OK, EXIT_USAGE, processIo } from "./cli/io.js";
import { runSchema } from "./cli/schema.js";

export const CLI_HELP = `Usage: npm run --silent cli -- COMMAND [options]

Commands:
  assess [--json] FILE|-       decide whether to fine-tune from an answers file (or standard input)
  schema                       print the JSON Schema of the answers file

Run "cli COMMAND --help" for a command's options.`;

type Command = (args: string[], io: CliIo) => number | Promise<number>;

const COMMANDS: Record<string, Command> = {
  assess: (args, io) => runAssess(args, io, new Date().toISOString().slice(0, 10)),
  schema: runSchema,
};

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.stdout(CLI_HELP);
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`unknown command: ${name} (try --help)`);
    return EXIT_USAGE;
  }
  return command(args, io);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  process.exitCode = await runCli(process.argv.slice(2), processIo());
}
