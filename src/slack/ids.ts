// Every Slack id the app uses: builders set them, the app binds them, readers parse them.

export const COMMAND = "/should-we-finetune";

export const VIEW = {
  questionnaire: "questionnaire",
  home: "home",
  /** Why a reviewer requests changes. */
  changeReason: "change_reason",
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
  approveDecision: "approve_decision",
  requestChanges: "request_changes",
  reviseAnswers: "revise_answers",
  giveReason: "give_reason",
  /** The reason input of the change-reason modal. */
  reason: "reason",
  /** "Older decisions" under a `list`; the button value is the list query and where to continue. */
  listOlder: "list_older",
  /** "Newest" and "Older" under an App Home section; the value says which section and where to continue. */
  homeNewest: "home_newest",
  homeOlder: "home_older",
} as const;

export const BLOCK = {
  verdictApproval: "verdict_approval",
  modelNoticeActions: "model_notice_actions",
  /** Approve / Request changes, or Revise answers, under a verdict. */
  verdictReviewActions: "verdict_review_actions",
  /** Revise answers under a request for changes (a thread reply). */
  changeRequestActions: "change_request_actions",
  reasonPromptActions: "reason_prompt_actions",
  reasonInput: "reason",
  listPaging: "list_paging",
  homeMinePaging: "home_mine_paging",
  homeReviewPaging: "home_review_paging",
} as const;
