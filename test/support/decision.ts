import type { Answers } from "../../src/engine/answers.js";
import { decide } from "../../src/engine/decide.js";
import type { Decision } from "../../src/store/decisions.js";
import { validAnswers } from "./answers.js";

/** A stored decision #12 (id 40) in channel CML, posted and in review, for builder tests; `over` changes any field. */
export function makeDecision(over: Partial<Decision> = {}, answers: Answers = validAnswers()): Decision {
  return {
    id: 40,
    number: 12,
    teamId: "T1",
    enterpriseId: null,
    channelId: "CML",
    requesterId: "UREQ",
    title: answers.title,
    baseModel: answers.baseModel,
    answers,
    verdict: decide(answers),
    engineVersion: "2.0.0",
    status: "in-review",
    messageTs: "1.1",
    threadTs: "1.1",
    replyTs: "1.2",
    permalink: "https://acme.slack.com/archives/CML/p1",
    parentId: null,
    revises: null,
    supersededBy: null,
    statusChangedAt: null,
    reviewOpenedAt: null,
    unknownAnswers: [],
    createdAt: "2026-11-24T09:30:00.000Z",
    updatedAt: "2026-11-24T09:30:00.000Z",
    ...over,
  };
}
