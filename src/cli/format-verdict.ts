import type { Verdict, Warning } from "../engine/verdict.js";
import { formatCount, formatMoney, formatPayback, formatRequestsPerMonth, RUNG_LABEL } from "../engine/words.js";

const FINE_TUNE_LABEL: Record<Verdict["fineTune"], string> = { yes: "yes", "not-yet": "not yet", no: "no" };
const TECHNIQUE_LABEL: Record<NonNullable<Verdict["method"]>["technique"], string> = {
  lora: "LoRA",
  qlora: "QLoRA",
  full: "full fine-tuning",
};
const HOSTING_LABEL: Record<NonNullable<Verdict["method"]>["hosting"], string> = {
  "provider-api": "through a provider's fine-tuning service",
  "self-hosted": "on your own infrastructure",
};
const SECTION: Record<Warning["severity"], string> = { blocker: "Blockers", warning: "Warnings", info: "Notes" };

/** The verdict as plain text for a terminal, read like the Slack verdict: the answer, what blocks it, why, what next. */
export function formatVerdict(verdict: Verdict): string {
  const lines = [
    verdict.headline,
    "",
    `Fine-tune:      ${FINE_TUNE_LABEL[verdict.fineTune]}`,
    `Work on next:   ${RUNG_LABEL[verdict.approach]}`,
  ];
  if (verdict.method) lines.push(`Method:         ${TECHNIQUE_LABEL[verdict.method.technique]}, ${HOSTING_LABEL[verdict.method.hosting]}`);
  const breakEven = breakEvenLine(verdict);
  if (breakEven) lines.push(`Break-even:     ${breakEven}`);
  const blockers = verdict.warnings.filter((w) => w.severity === "blocker");
  if (blockers.length > 0) lines.push("", "Blockers:", ...blockers.map((w) => `  - ${w.title}`));
  lines.push("", "Why:", ...verdict.reasons.map((r) => `  - ${r.text}`));
  for (const severity of ["blocker", "warning", "info"] as const) {
    const ws = verdict.warnings.filter((w) => w.severity === severity);
    if (ws.length > 0) lines.push("", `${SECTION[severity]} in full:`, ...ws.map((w) => `  - ${w.title}. ${w.message}`));
  }
  lines.push("", "Next steps:");
  for (const step of verdict.steps) lines.push(`  [${step.done ? "x" : " "}] ${step.text}`);
  lines.push("", `engine ${verdict.engineVersion}`);
  return lines.join("\n");
}

function breakEvenLine(verdict: Verdict): string | null {
  const b = verdict.breakEven;
  if (!b) return null;
  const volume = `${formatCount(b.monthlyTokens)} tokens a month`;
  const flip = b.requestsPerMonthFor6MonthPayback === null ? null : formatRequestsPerMonth(b.requestsPerMonthFor6MonthPayback);
  const flips = flip === null ? "no realistic volume pays it back within six months" : `pays back within six months above ${flip}`;
  if (b.months === null) {
    const net = b.monthlySavingsUsd < 0 ? `costs ${formatMoney(b.monthlySavingsUsd)} a month more than it saves` : "saves nothing";
    return `never at ${volume}: it ${net}; ${flips}`;
  }
  return `pays back ${formatPayback(b.months)}: ${formatMoney(b.trainingUsd)} of training, saving ${formatMoney(b.monthlySavingsUsd)} a month at ${volume}; ${flips}`;
}
