/** How reviews work in this workspace, from configuration. */
export interface ReviewSettings {
  requiredApprovals: number;
  approvalReactions: readonly string[];
  rejectReactions: readonly string[];
  /** Empty and no group: anyone but the requester may review. */
  reviewerUsers: readonly string[];
  reviewerGroup: string | undefined;
  /** How long a review waits before its reviewers are reminded, and between reminders; null: never. */
  reminderAfterMs: number | null;
}

/** `+1::skin-tone-2` → `+1`: Slack appends skin tones to reaction names. */
export function baseReaction(name: string): string {
  return name.split("::")[0] ?? name;
}

/** Who is asked to review, as mentions: the listed reviewers and their user group; undefined when anyone may. */
export function reviewerMentions(review: ReviewSettings, except: readonly string[] = []): string | undefined {
  const mentions = [
    ...review.reviewerUsers.filter((id) => !except.includes(id)).map((id) => `<@${id}>`),
    ...(review.reviewerGroup ? [`<!subteam^${review.reviewerGroup}>`] : []),
  ];
  return mentions.length > 0 ? mentions.join(" ") : undefined;
}
