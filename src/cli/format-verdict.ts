import { formatCount, formatUsd } from "../engine/break-even.js";
import type { Verdict } from "../engine/verdict.js";

const FINE_TUNE_LABEL: Record<Verdict["fineTune"], string> = { yes: "yes", "not-yet": "not yet", no: "no" };

/** The verdict as plain text for a terminal, in the order a reviewer reads it. */
export function formatVerdict(verdict: Verdict): string {
  const lines = [verdict.headline, "", `Fine-tune:      ${FINE_TUNE_LABEL[verdict.fineTune]}`, `Work on next:   ${verdict.approach}`];
  if (verdict.method) lines.push(`Method:         ${verdict.method.technique}, ${verdict.method.hosting}`);
  if (verdict.breakEven) {
    const b = verdict.breakEven;
    const months = b.months === null ? "never (no monthly savings)" : `${b.months} months`;
    lines.push(
      `Break-even:     ${months}: ${formatUsd(b.trainingUsd)} training, ${formatUsd(b.monthlySavingsUsd)}/month saved on ${formatCount(b.monthlyTokens)} tokens/month`,
    );
  }
  if (verdict.warnings.length > 0) {
    lines.push("", "Warnings:");
    for (const w of verdict.warnings) lines.push(`  [${w.severity}] ${w.code}: ${w.message}`);
  }
  lines.push("", "Reasons:");
  for (const r of verdict.reasons) lines.push(`  (${r.rule}) ${r.text}`);
  if (verdict.nextSteps.length > 0) {
    lines.push("", "Next steps:");
    verdict.nextSteps.forEach((step, i) => lines.push(`  ${i + 1}. ${step}`));
  }
  lines.push("", `engine ${verdict.engineVersion}`);
  return lines.join("\n");
}
