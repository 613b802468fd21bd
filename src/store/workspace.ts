/**
 * A Slack workspace as the store keys it: its team id, and the Enterprise Grid organization it belongs to when the
 * app is installed org-wide. `teamId` is null only for an org-wide installation as a whole.
 */
export interface Workspace {
  teamId: string | null;
  enterpriseId?: string | null | undefined;
}
