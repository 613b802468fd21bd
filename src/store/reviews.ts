import { and, eq, sql } from "drizzle-orm";
import type { Db } from "./open-db.js";
import { prepared } from "./prepared.js";
import { processedEvents, reviews } from "./schema.js";

export type ReviewKind = "approve" | "reject";

export interface ReviewReaction {
  decisionId: number;
  reviewerId: string;
  kind: ReviewKind;
  reaction: string;
}

/** Records that an event was handled; false when it had been already (a retried or repeated delivery). */
export function claimEvent(db: Db, eventId: string): boolean {
  const insert = prepared(db, "claimEvent", () =>
    db
      .insert(processedEvents)
      .values({ eventId: sql.placeholder("eventId") })
      .onConflictDoNothing()
      .prepare(),
  );
  return insert.run({ eventId }).changes === 1;
}

/** False when this reviewer had already reacted this way. */
export function addReview(db: Db, review: ReviewReaction): boolean {
  return db.insert(reviews).values(review).onConflictDoNothing().run().changes === 1;
}

export function removeReview(db: Db, review: ReviewReaction): boolean {
  const result = db
    .delete(reviews)
    .where(
      and(
        eq(reviews.decisionId, review.decisionId),
        eq(reviews.reviewerId, review.reviewerId),
        eq(reviews.kind, review.kind),
        eq(reviews.reaction, review.reaction),
      ),
    )
    .run();
  return result.changes === 1;
}

/** Distinct reviewers with at least one reaction of this kind, in the order they first reacted. */
export function reviewersOf(db: Db, decisionId: number, kind: ReviewKind): string[] {
  const query = prepared(db, "reviewersOf", () =>
    db
      .select({ reviewerId: reviews.reviewerId })
      .from(reviews)
      .where(and(eq(reviews.decisionId, sql.placeholder("decisionId")), eq(reviews.kind, sql.placeholder("kind"))))
      .orderBy(reviews.createdAt, reviews.reviewerId)
      .prepare(),
  );
  const rows = query.all({ decisionId, kind });
  return [...new Set(rows.map((r) => r.reviewerId))];
}
