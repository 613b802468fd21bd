import type { ModelNotice, WatchedDecision } from "../store/model-notices.js";
import type { CatalogIndex } from "./catalog-index.js";
import { findLifecycle, findNewerVersions, type Lifecycle, type NewerVersion } from "./compare.js";
import type { LineagePolicy } from "./lineage-policy.js";
import { parseModelId } from "./parse-model-id.js";

export type PlannedNotice =
  | { kind: "newer-version"; decision: WatchedDecision; versions: NewerVersion[] }
  | { kind: "lifecycle"; decision: WatchedDecision; lifecycle: Lifecycle };

export interface PlanOptions {
  now: Date;
  /** A new version is announced only once it is at least this old (catalogs list some before release). */
  minAgeDays: number;
  /** Which catalog models count as newer versions (MODEL_WATCH_POLICY; default: the line policy). */
  policy?: LineagePolicy;
}

const DAY_MS = 86_400_000;

/** What a pass works out once per model and reuses on every page of decisions. */
export interface PlanMemo {
  newer: Map<string, NewerVersion[]>;
  lifecycle: Map<string, Lifecycle | null>;
  identities: Map<string, string>;
}

export function createPlanMemo(): PlanMemo {
  return { newer: new Map(), lifecycle: new Map(), identities: new Map() };
}

function oldEnough(releaseDate: string | null, options: PlanOptions): boolean {
  if (releaseDate === null) return true;
  const released = Date.parse(releaseDate.length === 7 ? `${releaseDate}-01` : releaseDate);
  return Number.isNaN(released) || options.now.getTime() - released >= options.minAgeDays * DAY_MS;
}

/** Whether a notice keeps this model quiet for this decision now. */
function quiet(notice: ModelNotice | undefined, now: Date): boolean {
  if (!notice) return false;
  if (notice.state === "snoozed") return notice.snoozedUntil !== null && notice.snoozedUntil > now.toISOString();
  return true;
}

/**
 * What one pass should post: per decision, one reply with every newer version not yet told (or snoozed past its
 * date), and one lifecycle warning per recorded base model. Each distinct base model is compared once.
 */
export function planNotices(
  decisions: readonly WatchedDecision[],
  notices: ReadonlyMap<number, readonly ModelNotice[]>,
  index: CatalogIndex,
  options: PlanOptions,
  memo: PlanMemo = createPlanMemo(),
): PlannedNotice[] {
  const { newer: newerByModel, lifecycle: lifecycleByModel, identities } = memo;
  const identity = (modelId: string) => {
    let key = identities.get(modelId);
    if (key === undefined) {
      key = parseModelId(modelId).identityKey;
      identities.set(modelId, key);
    }
    return key;
  };
  const planned: PlannedNotice[] = [];
  for (const decision of decisions) {
    const model = decision.baseModel;
    let newer = newerByModel.get(model);
    if (!newer) {
      newer = findNewerVersions(model, index, options.policy ? { policy: options.policy } : {}).filter((v) =>
        oldEnough(v.releaseDate, options),
      );
      newerByModel.set(model, newer);
    }
    let lifecycle = lifecycleByModel.get(model);
    if (lifecycle === undefined) {
      lifecycle = findLifecycle(model, index);
      lifecycleByModel.set(model, lifecycle);
    }
    if (newer.length === 0 && !lifecycle) continue;
    // Keyed by identity: the same model may be named differently by the sources of another pass.
    const told = new Map((notices.get(decision.id) ?? []).map((n) => [`${n.kind}:${identity(n.modelId)}`, n]));
    const untold = newer.filter((v) => !quiet(told.get(`newer-version:${identity(v.id)}`), options.now));
    if (untold.length > 0) planned.push({ kind: "newer-version", decision, versions: untold });
    if (lifecycle && !told.has(`lifecycle:${identity(model)}`)) planned.push({ kind: "lifecycle", decision, lifecycle });
  }
  return planned;
}
