/** How reviews work in this workspace, from configuration. */
export interface ReviewSettings {
  requiredApprovals: number;
  approvalReactions: readonly string[];
  rejectReactions: readonly string[];
  /** Empty and no group: anyone but the requester may review. */
  reviewerUsers: readonly string[];
  reviewerGroup: string | undefined;
}

/** `+1::skin-tone-2` → `+1`: Slack appends skin tones to reaction names. */
export function baseReaction(name: string): string {
  return name.split("::")[0] ?? name;
}
