import { sql } from "drizzle-orm";
import type { Answers } from "../../src/engine/answers.js";
import { decide } from "../../src/engine/decide.js";
import { type Decision, insertDecision, recordReasonsPosted, recordVerdictPosted } from "../../src/store/decisions.js";
import type { SqlClient } from "../../src/store/sql-client.js";
import { validAnswers } from "./answers.js";

let seq = 0;

export interface SeedOptions {
  /** Default T1. */
  teamId?: string;
  baseModel?: string;
  candidateModel?: string;
  channelId?: string;
  requesterId?: string;
  threadTs?: string | null;
  key?: string;
  /** The day it was made (default 2026-11-24). */
  decidedOn?: string;
  answers?: Partial<Answers>;
}

/**
 * A decision as the app leaves it once its verdict and reasons are posted: stored through the store, its message
 * recorded, and its jobs done. Without `threadTs` it is stored but not posted yet (its verdict job still pending).
 */
export async function seedDecision(db: SqlClient, options: SeedOptions = {}): Promise<Decision> {
  const answers = validAnswers({
    ...(options.baseModel ? { baseModel: options.baseModel } : {}),
    ...(options.candidateModel ? { candidateModel: options.candidateModel } : {}),
    ...options.answers,
  });
  seq += 1;
  const { decision } = await insertDecision(db, {
    teamId: options.teamId ?? "T1",
    channelId: options.channelId ?? "C1",
    requesterId: options.requesterId ?? "U1",
    answers,
    verdict: decide(answers),
    decidedOn: options.decidedOn ?? "2026-11-24",
    submissionKey: options.key ?? `seed:${seq}:${Math.random()}`,
  });
  if (options.threadTs === null || options.threadTs === undefined) return decision;
  const ts = options.threadTs;
  await db.transaction(async (tx) => {
    await recordVerdictPosted(tx, decision.id, { messageTs: ts, threadTs: ts });
    await recordReasonsPosted(tx, decision.id, ts);
    await tx.run(sql`update jobs set status = 'done' where decision_id = ${decision.id}`);
  });
  return { ...decision, messageTs: ts, threadTs: ts, replyTs: ts };
}
