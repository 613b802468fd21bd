import type { ModelRole } from "../../engine/model-roles.js";
import type { FineTune } from "../../engine/verdict.js";

// What a decision's model is to it, and why news about it matters, in words that fit the verdict: a decision that
// fine-tunes nothing hears nothing about fine-tunes. docs/model-watch.md#what-a-notice-says.

/** Whether the fine-tune role is worth a word: the verdict is to fine-tune, now or later. */
const tunes = (fineTune: FineTune) => fineTune !== "no";

/** The roles worth naming for this verdict (a "no" names the model to fine-tune only when it is nothing else). */
export function rolesToName(roles: readonly ModelRole[], fineTune: FineTune): ModelRole[] {
  const named = roles.filter((r) => r === "production" || tunes(fineTune));
  return named.length > 0 ? named : [...roles];
}

/** "the production model", "the model to fine-tune", or both. */
export function roleLabel(roles: readonly ModelRole[], fineTune: FineTune): string {
  const named = rolesToName(roles, fineTune);
  if (named.length === 2) return "the production model and the model to fine-tune";
  return named[0] === "production" ? "the production model" : "the model to fine-tune";
}

/** Why a newer version of this model matters for this decision, and what to do. */
export function whyNewerMatters(roles: readonly ModelRole[], fineTune: FineTune): string {
  const sentences: string[] = [];
  for (const role of rolesToName(roles, fineTune)) {
    if (role === "production") {
      sentences.push(
        fineTune === "no"
          ? "Re-measure the prompted baseline on it: it may do better still."
          : "The prompted baseline may now meet the target without fine-tuning: re-measure it on the newer version before going further.",
      );
    } else if (fineTune === "yes") {
      sentences.push(
        "A fine-tune is a snapshot of the model it starts from: plan re-tuning on the newer version, and compare it with the tuned model you have.",
      );
    } else if (fineTune === "not-yet") {
      sentences.push("When you get to fine-tuning, start from the newer version.");
    } else {
      sentences.push("This decision does not fine-tune; if you revisit it, start from the newer version.");
    }
  }
  return sentences.join(" ");
}

/** Why a deprecation or retirement of this model matters for this decision, and what to do. */
export function whyLifecycleMatters(roles: readonly ModelRole[], fineTune: FineTune): string {
  const sentences: string[] = [];
  for (const role of rolesToName(roles, fineTune)) {
    if (role === "production") {
      sentences.push("Move the prompts to a supported model before it goes, and re-measure the prompted baseline there.");
    } else if (fineTune === "yes") {
      sentences.push("A fine-tune on it stops working when it retires: plan re-tuning on a supported model.");
    } else if (fineTune === "not-yet") {
      sentences.push("Do not start a fine-tune on it: pick a supported model to fine-tune.");
    } else {
      sentences.push("This decision does not fine-tune; if you revisit it, pick a supported model.");
    }
  }
  return sentences.join(" ");
}

/** What the verdict suggests about newer versions already out the day it was made; null when they do not matter to it. */
export function alreadyOutAdvice(roles: readonly ModelRole[], fineTune: FineTune, several: boolean): string | null {
  const named = rolesToName(roles, fineTune);
  const production = named.includes("production");
  const tuning = named.includes("fine-tune") && tunes(fineTune);
  const it = several ? "the newest" : "it";
  if (production && tuning) return `consider scoring the prompted baseline on ${it} first, and fine-tuning ${it} rather than the older one`;
  if (production) return `consider scoring the prompted baseline on ${it} first`;
  if (tuning) return `consider fine-tuning ${it} rather than the older one`;
  return null;
}
