import type { WebClient } from "@slack/web-api";
import type { JobContext, JobResult } from "../../delivery/worker.js";
import type { ClaimedJob } from "../../store/jobs.js";
import type { SqlClient } from "../../store/sql-client.js";
import type { ReviewSettingsOf } from "../workspace-review-settings.js";

export interface DeliveryDeps {
  db: SqlClient;
  /** No retries of its own (the worker retries; a post Slack accepted is never sent again by the client) and a timeout. */
  client: WebClient;
  /** Each workspace's review settings (what the verdict message says a review needs). */
  reviewSettings: ReviewSettingsOf;
  /** Posts an ephemeral note through a command's response_url. */
  respond: (responseUrl: string, text: string) => Promise<void>;
  now: () => Date;
}

/** One job kind's work: it calls Slack (renewing the claim before each call) and says how the attempt ended. */
export type JobTask = (deps: DeliveryDeps, job: ClaimedJob, context: JobContext) => Promise<JobResult>;

/** A job whose payload is not what its kind carries: a bug, not something a retry could fix. */
export class BadPayloadError extends Error {
  override name = "BadPayloadError";
}
