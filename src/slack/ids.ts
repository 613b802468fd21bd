// Every Slack id the app uses: builders set them, the app binds them, readers parse them.

export const COMMAND = "/should-we-finetune";

export const VIEW = {
  /** The questionnaire's first step (the problem); the callback id every start opens. */
  questionnaire: "questionnaire",
  questionnaireEvidence: "questionnaire_evidence",
  questionnaireCosts: "questionnaire_costs",
  /** The read-only answers behind a verdict. */
  answers: "decision_answers",
  /** A decision as a Markdown decision record to copy. */
  decisionRecord: "decision_record",
  home: "home",
  /** A workspace's review settings, edited by its admins from App Home. */
  settings: "workspace_settings",
  /** Why a reviewer requests changes. */
  changeReason: "change_reason",
} as const;

/** The questionnaire's steps by callback id, in order. */
export const STEP_VIEWS = [VIEW.questionnaire, VIEW.questionnaireEvidence, VIEW.questionnaireCosts] as const;
/** Any of the steps' callback ids. */
export const STEP_VIEW_PATTERN = new RegExp(`^(${STEP_VIEWS.join("|")})$`);

export const SHORTCUT = {
  reviewInThread: "review_in_thread",
} as const;

export const ACTION = {
  /**
   * Every questionnaire input uses this action id; the block id names the field: its path in Answers (or the form's
   * own `shortfall` / `costFigures`), followed by `~n` when the input was replaced to show a new initial value.
   */
  field: "value",
  /** Drops the draft the questionnaire was filled from. */
  startOver: "start_over",
  /** Opens the answers behind a verdict. */
  viewAnswers: "view_answers",
  /** In the answers modal: the decision as a Markdown decision record, pushed on top. */
  exportRecord: "export_record",
  reEvaluate: "re_evaluate",
  ignoreVersion: "ignore_version",
  snoozeVersion: "snooze_version",
  /** App Home: opens the workspace's review settings (admins only). */
  editSettings: "edit_settings",
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
  /** View answers, then Approve / Request changes or Revise answers, under a verdict. */
  verdictActions: "verdict_actions",
  draft: "draft",
  modelNoticeActions: "model_notice_actions",
  /** Revise answers under a request for changes (a thread reply). */
  changeRequestActions: "change_request_actions",
  reasonPromptActions: "reason_prompt_actions",
  reasonInput: "reason",
  listPaging: "list_paging",
  homeMinePaging: "home_mine_paging",
  homeReviewPaging: "home_review_paging",
  /** The decision-record button at the foot of the answers modal. */
  answersExport: "answers_export",
  settingsActions: "settings_actions",
} as const;

/** The settings form's inputs, by block id (each input's action id is ACTION.field). */
export const SETTINGS_BLOCK = {
  requiredApprovals: "settings_required_approvals",
  approvalReactions: "settings_approval_reactions",
  rejectReactions: "settings_reject_reactions",
  reviewerUsers: "settings_reviewer_users",
  reviewerGroup: "settings_reviewer_group",
  reminderAfter: "settings_reminder_after",
} as const;

/** Workflow Builder custom steps (the manifests' `functions`), by callback id. */
export const FUNCTION = {
  assessFineTuning: "assess_fine_tuning",
} as const;

/** The "Assess fine-tuning" workflow step's input and output parameter names, as the manifests declare them. */
export const WORKFLOW_INPUT = {
  channel: "channel",
  requester: "requester",
  title: "title",
  productionModel: "production_model",
  candidateModel: "candidate_model",
  answers: "answers",
} as const;

export const WORKFLOW_OUTPUT = {
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
