// Which models a decision rests on, and what each is to it (docs/model-watch.md#a-decisions-models).

/** `production`: the model in production today, the prompted baseline; `fine-tune`: the model a fine-tune would start from. */
export type ModelRole = "production" | "fine-tune";

export interface DecisionModel {
  id: string;
  roles: readonly ModelRole[];
}

/**
 * The distinct models of a decision, production model first. Without a separate model to fine-tune (or with the same
 * one), the production model plays both roles, as the engine reads it.
 */
export function decisionModels(baseModel: string, candidateModel?: string | null): DecisionModel[] {
  const tuned = candidateModel?.trim() ? candidateModel : baseModel;
  if (tuned === baseModel) return [{ id: baseModel, roles: ["production", "fine-tune"] }];
  return [
    { id: baseModel, roles: ["production"] },
    { id: tuned, roles: ["fine-tune"] },
  ];
}

/** What a model is to a decision, or none when it is not one of its models. */
export function rolesOf(modelId: string, baseModel: string, candidateModel?: string | null): readonly ModelRole[] {
  return decisionModels(baseModel, candidateModel).find((m) => m.id === modelId)?.roles ?? [];
}
