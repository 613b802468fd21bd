/** The Slack error code of a Web API failure (`not_in_channel`, `ratelimited`, …), or a short description. */
export function slackErrorCode(error: unknown): string {
  const e = error as { code?: string; data?: { error?: string }; statusCode?: number; message?: string };
  if (e?.data?.error) return e.data.error;
  if (e?.statusCode) return `http_${e.statusCode}`;
  return e?.code ?? e?.message ?? String(error);
}
