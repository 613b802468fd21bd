import type { Context, Findings } from "./findings.js";
import { closingStages, factsDay, type ModelInfo } from "./models.js";
import type { ClosedModelProvider } from "./provider-facts.js";
import type { Method } from "./verdict.js";
import { note } from "./warnings.js";
import { capitalise, formatDate, formatSize, listOf } from "./words.js";

// docs/decision-rules.md#rule-8-compliance, #rule-9-method-and-risk and #rule-11-provider-facts.

/** QLoRA makes large models trainable on limited hardware (docs/decision-rules.md#rule-9-method-and-risk). */
const QLORA_MIN_B = 30;
const FORGETTING_MIN_B = 1;
const FORGETTING_MAX_B = 7;
const OPEN_WEIGHT_ROUTE =
  "Take an open-weight route: LoRA on an open model (Llama, Qwen, Mistral) through a hosted fine-tuning service or your own GPUs.";

/** What rule 11 found, for the headline. */
export interface ClosingFact {
  provider: string;
  /** The day the last stage begins: no new fine-tuning jobs for anyone from then on. */
  last: string;
  closed: boolean;
}

/** Rule 8, which applies whatever else is decided (rule 1 included). */
export function checkCompliance(ctx: Context, f: Findings, production: ModelInfo): void {
  if (ctx.answers.compliance !== "self-host-required") return;
  f.raise(note("compliance-self-host"));
  f.because(
    "rule-8-compliance",
    "The data may not leave your own infrastructure, so any model, prompted or fine-tuned, must be an open-weight one you host.",
  );
  if (production.kind !== "closed") return;
  const servers = `${production.provider.provider}'s servers`;
  if (ctx.targetMet) {
    f.raise(
      note("compliance-self-host", {
        severity: "blocker",
        title: "Target met on a model you may not use",
        detail: `The target was met on ${production.id}, which runs on ${servers}, where this data may not go.`,
      }),
    );
    f.limit("not-yet");
    f.rungs.push("prompting");
    f.leadSteps.push("Score an open-weight model you can host yourself (Llama, Qwen, Mistral), prompted, on the same eval set.");
    f.todo("score an open-weight model you can host yourself on the same eval set", true, "prompting");
    return;
  }
  f.raise(
    note("compliance-self-host", {
      severity: "warning",
      detail: `The production model ${production.id} runs on ${servers}: move to an open-weight model you host.`,
    }),
  );
  f.step("Move production to an open-weight model you host yourself, and score it prompted on the eval set.");
}

/** Rule 9: how the model would be fine-tuned and where it would run, and what stands in the way. */
export function chooseMethod(ctx: Context, f: Findings, tuned: ModelInfo): Method {
  const { answers } = ctx;
  const size = answers.candidateSizeB;
  const selfHostRequired = answers.compliance === "self-host-required";
  const hosting = hostingFor(tuned, selfHostRequired, answers.mlopsCapacity);
  const technique = hosting === "self-hosted" && size !== undefined && size >= QLORA_MIN_B ? "qlora" : "lora";
  if (size !== undefined && size >= FORGETTING_MIN_B && size <= FORGETTING_MAX_B) {
    f.raise(
      note("catastrophic-forgetting-risk", {
        title: `${formatSize(size)}B model: risk of forgetting`,
        detail: `The model to fine-tune has ${formatSize(size)}B parameters.`,
      }),
    );
  }
  const named = answers.candidateModel
    ? ""
    : ` No model to fine-tune was named, so this is the production model, ${tuned.id}; name an open-weight candidate if you have one.`;
  if (tuned.kind === "closed" && selfHostRequired) {
    f.raise(
      note("compliance-self-host", {
        severity: "blocker",
        title: "A closed model cannot be hosted in-house",
        detail: `The model ${tuned.id} is a closed model that runs only on ${tuned.provider.provider}'s servers, so it cannot be the one you host.${named}`,
      }),
    );
    f.limit("not-yet");
    f.leadSteps.push(
      "Pick an open-weight model to fine-tune and host yourself (Llama, Qwen, Mistral), and score it prompted on the eval set first.",
    );
    f.todo("pick an open-weight model you can host yourself", true);
  } else if (tuned.kind === "unknown" && selfHostRequired) {
    f.raise(note("compliance-self-host", { detail: `Check that the weights of ${tuned.id} are published, so you can host it yourself.` }));
  }
  const untunable = tuned.kind === "closed" && !tuned.tunable;
  if (untunable && !selfHostRequired) notTunable(f, tuned.provider, tuned.id, named, ctx.answers.asOf);
  checkCapacity(ctx, f, tuned, hosting);
  f.because(
    "rule-9-method-and-risk",
    untunable
      ? `No method applies to ${tuned.id} until a model that can be fine-tuned is chosen.`
      : `Fine-tune ${tuned.id} with ${technique === "qlora" ? "QLoRA, as the model is large" : "LoRA"}, ${hosting === "self-hosted" ? "on your own infrastructure" : `through ${via(tuned)}`}.`,
  );
  return { technique, hosting };
}

function hostingFor(tuned: ModelInfo, selfHostRequired: boolean, mlopsCapacity: boolean): Method["hosting"] {
  if (selfHostRequired) return "self-hosted";
  if (tuned.kind === "closed") return "provider-api";
  if (mlopsCapacity) return "self-hosted";
  if (tuned.kind === "open-weight" && tuned.family.hostedFineTuning === null) return "self-hosted";
  return "provider-api";
}

function via(tuned: ModelInfo): string {
  if (tuned.kind === "closed") return tuned.provider.tunableVia;
  if (tuned.kind === "open-weight" && tuned.family.hostedFineTuning)
    return `a hosted fine-tuning service such as ${tuned.family.hostedFineTuning}`;
  return "a provider's fine-tuning service";
}

function notTunable(f: Findings, provider: ClosedModelProvider, id: string, named: string, asOf: string | undefined): void {
  const ended = provider.tunableUntil !== undefined && factsDay(asOf) >= provider.tunableUntil;
  f.raise(
    note("candidate-not-tunable", {
      title: `${provider.provider} doesn't fine-tune this model`,
      detail: ended
        ? `${provider.provider} ended customer fine-tuning on ${formatDate(provider.tunableUntil!)}.${named}`
        : `${provider.provider} lets customers fine-tune only some of its models, through ${provider.tunableVia}, and ${id} is not one of them.${named}`,
    }),
  );
  f.limit("not-yet");
  f.leadSteps.push(
    ended
      ? "Pick an open-weight model to fine-tune (Llama, Qwen, Mistral), or a provider that still fine-tunes closed models."
      : `Pick an open-weight model to fine-tune (Llama, Qwen, Mistral), or one of the models ${provider.provider} lets customers fine-tune through ${provider.tunableVia}.`,
  );
  f.todo(`pick a model you can fine-tune (${provider.provider} doesn't fine-tune this one)`, true);
}

function checkCapacity(ctx: Context, f: Findings, tuned: ModelInfo, hosting: Method["hosting"]): void {
  if (ctx.answers.mlopsCapacity) return;
  if (ctx.answers.compliance === "self-host-required") {
    f.raise(
      note("no-mlops-capacity", {
        severity: "blocker",
        title: "No one to run models, and the data must stay in-house",
        detail:
          "The data may not leave your infrastructure, which rules out a provider's fine-tuning service, so no route is left: build the capacity to train and serve models, or stay with a prompted open-weight model you host.",
      }),
    );
    f.limit("not-yet");
    f.step("Build or hire the capacity to train, serve, version and roll back models on your own infrastructure.");
    f.todo("build the capacity to run models yourself", true);
    return;
  }
  if (hosting === "provider-api") {
    const detail =
      tuned.kind === "closed" && tuned.tunable
        ? `${capitalise(tuned.provider.tunableVia)} trains and serves it for you.`
        : tuned.kind === "open-weight"
          ? `A hosted service (${tuned.family.hostedFineTuning}) can fine-tune and serve ${tuned.family.family} models for you.`
          : tuned.kind === "closed"
            ? "A provider's fine-tuning service can train and serve a model for you."
            : `Check that a provider fine-tunes and serves ${tuned.id} for you.`;
    f.raise(note("no-mlops-capacity", { detail }));
    return;
  }
  const family = tuned.kind === "open-weight" ? `${tuned.family.family} models` : tuned.id;
  f.raise(
    note("no-mlops-capacity", {
      severity: "blocker",
      detail: `We know of no provider that fine-tunes ${family} for you: build that capacity, or pick a model a provider fine-tunes (Llama, Qwen, Mistral).`,
    }),
  );
  f.limit("not-yet");
  f.step("Pick a model a hosted service fine-tunes and serves (Llama, Qwen, Mistral), or build the capacity to run models.");
  f.todo("pick a model a provider can fine-tune for you", true);
}

/** Rule 11: a fine-tune that would run through a provider closing self-serve fine-tuning. */
export function checkProviderFacts(ctx: Context, f: Findings, tuned: ModelInfo, method: Method): ClosingFact | null {
  if (method.hosting !== "provider-api" || tuned.kind !== "closed" || !tuned.tunable || !tuned.provider.closing) return null;
  const provider = tuned.provider;
  const { past, coming, last } = closingStages(provider, ctx.answers.asOf);
  if (!last) return null;
  const when = (stages: typeof past) => listOf(stages.map((s) => `for ${s.who} on ${formatDate(s.from)}`));
  const sentences = [
    past.length > 0 ? `${provider.provider} stopped new self-serve fine-tuning jobs ${when(past)}.` : "",
    coming.length > 0
      ? `${past.length > 0 ? "It stops them" : `${provider.provider} stops new self-serve fine-tuning jobs`} ${when(coming)}.`
      : "",
    provider.caveat ?? "",
  ];
  const detail = sentences.filter(Boolean).join(" ");
  const closed = coming.length === 0;
  const date = formatDate(last.from);
  f.raise(
    note("provider-finetune-closing", {
      severity: closed ? "blocker" : "warning",
      title: closed ? `${provider.provider} fine-tuning closed on ${date}` : `${provider.provider} fine-tuning closes on ${date}`,
      detail,
    }),
  );
  f.because("rule-11-provider-facts", `The model ${tuned.id} would be fine-tuned through ${provider.provider}. ${detail}`);
  if (closed) {
    f.limit("not-yet");
    f.leadSteps.unshift(OPEN_WEIGHT_ROUTE);
    f.todo(`take an open-weight route (${provider.provider} takes no new fine-tuning jobs since ${date})`, true);
  } else {
    f.step(
      `Plan an open-weight route before ${date}: LoRA on an open model (Llama, Qwen, Mistral) through a hosted fine-tuning service or your own GPUs.`,
    );
  }
  return { provider: provider.provider, last: last.from, closed };
}
