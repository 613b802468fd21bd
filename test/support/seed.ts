import { sql } from "drizzle-orm";
import { decide } from "../../src/engine/decide.js";
import { type Decision, insertDecision, recordReasonsPosted, recordVerdictPosted } from "../../src/store/decisions.js";
import type { SqlClient } from "../../src/store/sql-client.js";
import { validAnswers } from "./answers.js";

let seq = 0;

/**
 * A decision as the app leaves it once its verdict and reasons are posted: stored through the store, its message
 * recorded, and its jobs done. Without `threadTs` it is stored but not posted yet (its verdict job still pending).
 */
export async function seedDecision(
  db: SqlClient,
  options: { baseModel?: string; channelId?: string; requesterId?: string; threadTs?: string | null; key?: string } = {},
): Promise<Decision> {
  const answers = validAnswers(options.baseModel ? { baseModel: options.baseModel } : {});
  seq += 1;
  const { decision } = await insertDecision(db, {
    teamId: "T1",
    channelId: options.channelId ?? "C1",
    requesterId: options.requesterId ?? "U1",
    answers,
    verdict: decide(answers),
    submissionKey: options.key ?? `seed:${seq}:${Math.random()}`,
  });
  if (options.threadTs === null || options.threadTs === undefined) return decision;
  const ts = options.threadTs;
  await db.transaction(async (tx) => {
    await recordVerdictPosted(tx, decision.id, ts, ts);
    await recordReasonsPosted(tx, decision.id, ts);
    await tx.run(sql`update jobs set status = 'done' where decision_id = ${decision.id}`);
  });
  return { ...decision, messageTs: ts, threadTs: ts, replyTs: ts };
}
