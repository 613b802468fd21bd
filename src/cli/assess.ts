import { readFile } from "node:fs/promises";
import { parseAnswers } from "../engine/answers.js";
import { decide } from "../engine/decide.js";
import { formatVerdict } from "./format-verdict.js";
import { type CliIo, EXIT_OK, EXIT_USAGE } from "./io.js";

export const ASSESS_HELP = `Usage: cli assess [--json] FILE

Reads fine-tuning answers (JSON, see "cli schema") from FILE, or from standard input when FILE is "-",
and prints the verdict as the Slack message reads: the answer first, what blocks it as short titles,
the reasons, every warning in full, and the next steps as a checklist (done ones ticked).

  --json   print the Verdict as JSON on stdout, and nothing else
  --help   show this help

Exit codes: 0 verdict printed; 2 unreadable file, bad JSON or invalid answers (one line per problem).`;

export async function runAssess(args: string[], io: CliIo, today?: string): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    io.stdout(ASSESS_HELP);
    return EXIT_OK;
  }
  const json = args.includes("--json");
  const rest = args.filter((a) => a !== "--json");
  const unknown = rest.filter((a) => a.startsWith("-") && a !== "-");
  if (unknown.length > 0 || rest.length !== 1) {
    for (const flag of unknown) io.stderr(`assess: unknown option ${flag}`);
    if (rest.length - unknown.length !== 1) io.stderr("assess: give exactly one FILE (or - for standard input)");
    return EXIT_USAGE;
  }
  const file = rest[0]!;
  let text: string;
  try {
    text = file === "-" ? await io.readStdin() : await readFile(file, "utf8");
  } catch (error) {
    io.stderr(`assess: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    return EXIT_USAGE;
  }
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    io.stderr(`assess: ${file === "-" ? "standard input" : file} is not valid JSON: ${(error as Error).message}`);
    return EXIT_USAGE;
  }
  const parsed = parseAnswers(input);
  if (!parsed.ok) {
    for (const p of parsed.problems) io.stderr(`${p.path || "(answers)"}: ${p.message}`);
    return EXIT_USAGE;
  }
  // The engine has no clock: the CLI decides as of today unless the answers name a day.
  const answers = parsed.answers.asOf || !today ? parsed.answers : { ...parsed.answers, asOf: today };
  const verdict = decide(answers);
  io.stdout(json ? JSON.stringify(verdict, null, 2) : formatVerdict(verdict));
  return EXIT_OK;
}
