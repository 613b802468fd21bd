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
