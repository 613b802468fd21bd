// Every Slack id the app uses: builders set them, the app binds them, readers parse them.

export const COMMAND = "/should-we-finetune";

export const VIEW = {
  questionnaire: "questionnaire",
  home: "home",
} as const;

export const SHORTCUT = {
  reviewInThread: "review_in_thread",
} as const;

export const ACTION = {
  /** Every questionnaire input uses this action id; the block id (the Answers path) names the field. */
  field: "value",
  reEvaluate: "re_evaluate",
  ignoreVersion: "ignore_version",
  snoozeVersion: "snooze_version",
} as const;

export const BLOCK = {
  verdictApproval: "verdict_approval",
  modelNoticeActions: "model_notice_actions",
} as const;

/** Workflow Builder custom steps (the manifests' `functions`), by callback id. */
export const FUNCTION = {
  assessFineTuning: "assess_fine_tuning",
} as const;

/** The "Assess fine-tuning" step's input and output parameter names, as the manifests declare them. */
export const STEP_INPUT = {
  channel: "channel",
  requester: "requester",
  title: "title",
  productionModel: "production_model",
  candidateModel: "candidate_model",
  answers: "answers",
} as const;

export const STEP_OUTPUT = {
  verdict: "verdict",
  fineTune: "fine_tune",
  decisionNumber: "decision_number",
  threadLink: "thread_link",
} as const;

/**
 * Message metadata event types. The public ones are documented for other apps (README, "Events other apps can use");
 * every other post carries `post`, which only this app reads (to find a post again after a crash).
 */
export const METADATA_EVENT = {
  decisionPosted: "decision_posted",
  decisionApproved: "decision_approved",
  decisionSuperseded: "decision_superseded",
  post: "should_we_finetune_post",
} as const;
