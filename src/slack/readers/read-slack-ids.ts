import { z } from "zod";

// Slack ids as Slack sends them. Checked at the edge so that a mistyped payload can never become a reviewer,
// a requester or a channel in the database.
export const UserId = z.string().regex(/^[UW][A-Z0-9]{2,}$/);
export const ChannelId = z.string().regex(/^[CGD][A-Z0-9]{2,}$/);
export const MessageTs = z.string().regex(/^\d{1,12}\.\d{1,8}$/);
