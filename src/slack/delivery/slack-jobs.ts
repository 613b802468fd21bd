import { ClaimLostError, type Effects, type JobContext, type JobResult, type JobRunner } from "../../delivery/worker.js";
import { getDecision } from "../../store/decisions.js";
import { VerdictPayload } from "../../store/job-payloads.js";
import { type ClaimedJob, enqueueJob, type JobKind, jobKey } from "../../store/jobs.js";
import type { SqlClient } from "../../store/sql-client.js";
import type { Workspace } from "../../store/workspace.js";
import type { WorkspaceClients } from "../workspace-clients.js";
import { postReasons, postStatus, postVerdict, updateVerdict } from "./decision-jobs.js";
import { BadPayloadError, type DeliveryDeps, type JobTask } from "./delivery-deps.js";
import { failureNote, inviteNote, isToldOnFailure } from "./failure-notes.js";
import { notifyUser } from "./note-jobs.js";
import { postNotice, updateNotice } from "./notice-jobs.js";
import { NoAccessError } from "./post-once.js";
import { askReason, postReason, postReminder, recordVerdictLink } from "./review-jobs.js";
import { classifySlackFailure } from "./slack-failure.js";
import { completeStep } from "./step-jobs.js";

const TASKS: Record<JobKind, JobTask> = {
  "post-verdict": postVerdict,
  "post-reasons": postReasons,
  "post-status": postStatus,
  "update-verdict": updateVerdict,
  "post-notice": postNotice,
  "update-notice": updateNotice,
  "notify-user": notifyUser,
  "record-permalink": recordVerdictLink,
  "post-reminder": postReminder,
  "ask-reason": askReason,
  "post-reason": postReason,
  "complete-step": completeStep,
};

const isWebApiError = (error: unknown) => String((error as { code?: unknown })?.code ?? "").startsWith("slack_webapi_");

/** Tells the requester, once per job, that a post the channel should have seen failed for good. */
function tellRequesterItFailed(job: ClaimedJob, code: string): Effects | undefined {
  const kind = job.kind;
  if (!isToldOnFailure(kind) || job.decisionId === null) return undefined;
  const { decisionId } = job;
  return async (tx: SqlClient) => {
    const decision = await getDecision(tx, decisionId);
    if (!decision) return;
    const text = failureNote(kind, decision.number, decision.channelId, code);
    await enqueueJob(tx, {
      kind: "notify-user",
      decisionId,
      key: jobKey.jobFailed(job.id),
      payload: { userId: decision.requesterId, text },
    });
  };
}

/** Tells the requester, once per decision, how to invite the bot; the jobs wait until it is in the channel. */
function tellRequesterToInvite(job: ClaimedJob): Effects | undefined {
  if (job.decisionId === null) return undefined;
  const decisionId = job.decisionId;
  const payload = job.kind === "post-verdict" ? VerdictPayload.safeParse(job.payload) : undefined;
  const responseUrl = payload?.success ? payload.data.responseUrl : undefined;
  return async (tx: SqlClient) => {
    const decision = await getDecision(tx, decisionId);
    if (!decision) return;
    await enqueueJob(tx, {
      kind: "notify-user",
      decisionId,
      key: jobKey.inviteHint(decisionId),
      payload: { userId: decision.requesterId, text: inviteNote(decision.number), ...(responseUrl ? { responseUrl } : {}) },
    });
  };
}

/** What the runner needs: DeliveryDeps, with a client per workspace instead of one. */
export interface RunnerDeps extends Omit<DeliveryDeps, "client"> {
  clients: WorkspaceClients;
}

/** Told in the job's last error when its workspace has no installation (uninstalled, or its token revoked). */
export const NOT_INSTALLED = "not_installed: the app is not installed in this workspace any more";

/** The workspace a job posts to: its own record, or (jobs queued before workspaces were recorded) its decision's. */
async function workspaceOf(db: SqlClient, job: ClaimedJob): Promise<Workspace> {
  if (job.teamId) return { teamId: job.teamId, enterpriseId: job.enterpriseId };
  const decision = job.decisionId === null ? null : await getDecision(db, job.decisionId);
  return decision ?? { teamId: null, enterpriseId: job.enterpriseId };
}

async function perform(runner: RunnerDeps, job: ClaimedJob, context: JobContext): Promise<JobResult> {
  const { clients, ...rest } = runner;
  const client = await clients.forWorkspace(await workspaceOf(runner.db, job));
  if (!client) return { outcome: "failed", error: NOT_INSTALLED };
  const deps: DeliveryDeps = { ...rest, client };
  try {
    return await TASKS[job.kind](deps, job, context);
  } catch (error) {
    if (error instanceof ClaimLostError) throw error;
    if (error instanceof BadPayloadError) return { outcome: "failed", error: error.message };
    if (error instanceof NoAccessError) {
      return {
        outcome: "waiting",
        error: `no access to the channel (${error.message})`,
        maybeSent: job.lookFirst,
        effects: tellRequesterToInvite(job),
      };
    }
    if (!isWebApiError(error)) throw error;
    const failure = classifySlackFailure(error);
    if (failure.type === "transient") {
      // A lookup that failed half-way leaves an earlier attempt's fate as unknown as it was.
      return { outcome: "retry", error: failure.code, maybeSent: failure.maybeSent || job.lookFirst, retryAfterMs: failure.retryAfterMs };
    }
    return { outcome: "failed", error: failure.code, effects: tellRequesterItFailed(job, failure.code) };
  }
}

/** The worker's runner for Slack: every job kind, and what a failure for good means for the requester. */
export function slackJobRunner(deps: RunnerDeps): JobRunner {
  return {
    perform: (job, context) => perform(deps, job, context),
    gaveUp: (job, error) => tellRequesterItFailed(job, error),
  };
}
