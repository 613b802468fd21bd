import { pathToFileURL } from "node:url";
import "dotenv/config";
import { runAssess } from "./cli/assess.js";
import { runCheckModels } from "./cli/check-models.js";
import { runDecisionsExport } from "./cli/decisions-export.js";
import { type CliIo, EXIT_OK, EXIT_USAGE, processIo } from "./cli/io.js";
import { runModelsNewer } from "./cli/models-newer.js";
import { runSchema } from "./cli/schema.js";

export const CLI_HELP = `Usage: npm run --silent cli -- COMMAND [options]

Commands:
  assess [--json] FILE|-       decide whether to fine-tune from an answers file (or standard input)
  schema                       print the JSON Schema of the answers file
  models newer MODEL_ID [--catalog FILE]... [--policy POLICY] [--json]
                               list the newer versions of a base model (offline: the bundled catalog)
  check-models [--dry-run]     one pass of the base-model watch over the stored decisions
  decisions export NUMBER [--team TEAM_ID]
                               print a decision as an Architecture Decision Record (Markdown)

Run "cli COMMAND --help" for a command's options.`;

type Command = (args: string[], io: CliIo) => number | Promise<number>;

const COMMANDS: Record<string, Command> = {
  assess: (args, io) => runAssess(args, io, new Date().toISOString().slice(0, 10)),
  schema: runSchema,
  models: (args, io) => {
    const [sub, ...rest] = args;
    if (sub === "newer") return runModelsNewer(rest, io);
    io.stderr(sub ? `unknown models command: ${sub} (try "models newer --help")` : 'models: try "models newer --help"');
    return EXIT_USAGE;
  },
  "check-models": (args, io) => runCheckModels(args, io),
  decisions: (args, io) => {
    const [sub, ...rest] = args;
    if (sub === "export") return runDecisionsExport(rest, io);
    io.stderr(sub ? `unknown decisions command: ${sub} (try "decisions export --help")` : 'decisions: try "decisions export --help"');
    return EXIT_USAGE;
  },
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
