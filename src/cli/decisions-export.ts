import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { decisionRecord } from "../export/decision-record.js";
import { type Decision, getDecisionByNumber } from "../store/decisions.js";
import { openDb } from "../store/open-db.js";
import { reasonsOf, tallyOf } from "../store/reviews.js";
import type { SqlClient } from "../store/sql-client.js";
import { type CliIo, EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from "./io.js";

export const DECISIONS_EXPORT_HELP = `Usage: cli decisions export NUMBER [--team TEAM_ID]

Prints decision NUMBER as an Architecture Decision Record in Markdown (context: the answers; decision:
the verdict; consequences: warnings and next steps; status, approvers and links), to keep next to your
code: npm run --silent cli -- decisions export 12 > docs/decisions/0012-fine-tuning.md

Numbers are per Slack workspace: --team picks the workspace when the database holds several.
People are named by their Slack user ids (Slack's export, \`show 12 --markdown\`, uses their names).

Environment: DATABASE_PATH, REQUIRED_APPROVALS (default 2).

Exit codes: 0 printed; 1 no such decision; 2 bad options or environment.`;

const Env = z.object({
  DATABASE_PATH: z.string().min(1).default("./data/should-we-finetune.db"),
  REQUIRED_APPROVALS: z.coerce.number().int().positive().default(2),
});

async function teamsWith(db: SqlClient, number: number): Promise<string[]> {
  const rows = await db.all<{ team_id: string }>(sql`select team_id from decisions where number = ${number} order by team_id`);
  return rows.map((r) => r.team_id);
}

export async function runDecisionsExport(args: string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let number: number;
  let team: string | undefined;
  try {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { team: { type: "string" }, help: { type: "boolean", short: "h" } },
    });
    if (values.help) {
      io.stdout(DECISIONS_EXPORT_HELP);
      return EXIT_OK;
    }
    const typed = positionals.length === 1 ? /^#?(\d+)$/.exec(positionals[0]!) : null;
    number = typed ? Number(typed[1]) : Number.NaN;
    if (!Number.isSafeInteger(number) || number < 1) throw new Error(`needs one decision number, like "decisions export 12"`);
    team = values.team;
  } catch (error) {
    io.stderr(`decisions export: ${(error as Error).message}`);
    return EXIT_USAGE;
  }
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) io.stderr(`${issue.path.join(".")}: ${issue.message}`);
    return EXIT_USAGE;
  }
  const db = await openDb(parsed.data.DATABASE_PATH);
  try {
    const teams = team ? [team] : await teamsWith(db, number);
    if (teams.length > 1) {
      io.stderr(`decisions export: #${number} exists in several workspaces (${teams.join(", ")}): pick one with --team`);
      return EXIT_USAGE;
    }
    const decision: Decision | null = teams[0] ? await getDecisionByNumber(db, teams[0], number) : null;
    if (!decision) {
      io.stderr(`decisions export: there is no decision #${number}${team ? ` in ${team}` : ""}`);
      return EXIT_FAILURE;
    }
    const record = decisionRecord({
      decision,
      tally: await tallyOf(db, decision.id),
      reasons: await reasonsOf(db, decision.id),
      requiredApprovals: parsed.data.REQUIRED_APPROVALS,
    });
    io.stdout(record);
    return EXIT_OK;
  } finally {
    await db.close();
  }
}
