import { decisionModels } from "../engine/model-roles.js";
import type { ModelsAlreadyOut } from "../store/job-payloads.js";
import { buildCatalogIndex, type CatalogIndex } from "./catalog-index.js";
import { newerVersions } from "./compare.js";
import type { LineagePolicy } from "./lineage-policy.js";
import type { ModelRecord } from "./model-record.js";

/** The catalog as the app knows it now: the last one a watch pass read (or the bundled one), and first-seen days. */
export interface CatalogSnapshot {
  index: CatalogIndex;
  /** Lower-cased catalog id → the day the watch first saw it (ids without a release date). */
  firstSeen: ReadonlyMap<string, string>;
}

/** Holds the latest snapshot in memory: what a new decision's verdict is checked against. */
export interface KnownCatalog {
  current(): CatalogSnapshot;
  update(snapshot: CatalogSnapshot): void;
}

export function knownCatalog(records: readonly ModelRecord[], firstSeen: ReadonlyMap<string, string>): KnownCatalog {
  let snapshot: CatalogSnapshot = { index: buildCatalogIndex(records), firstSeen };
  return {
    current: () => snapshot,
    update: (next) => {
      snapshot = next;
    },
  };
}

/**
 * When the watch first saw a version: the earliest day among every spelling the catalog has of it, so that a router
 * listing the same model under a new id does not make it news again.
 */
export function firstSeenOf(snapshot: CatalogSnapshot): (id: string) => string | undefined {
  return (id) => {
    const entry = snapshot.index.byId.get(id.toLowerCase());
    let earliest = snapshot.firstSeen.get(id.toLowerCase());
    for (const record of entry?.records ?? []) {
      const day = snapshot.firstSeen.get(record.id.toLowerCase());
      if (day !== undefined && (earliest === undefined || day < earliest)) earliest = day;
    }
    return earliest;
  };
}

/**
 * The newer versions of a decision's models already out on the day it is made (the verdict names them; the watch
 * never announces them). The same rules as the watch's, so each version is either named here or announced later.
 */
export function modelsAlreadyOut(
  snapshot: CatalogSnapshot,
  models: { baseModel: string; candidateModel?: string | undefined },
  decidedOn: string,
  policy?: LineagePolicy,
): ModelsAlreadyOut {
  const firstSeen = firstSeenOf(snapshot);
  const out: ModelsAlreadyOut = [];
  for (const model of decisionModels(models.baseModel, models.candidateModel)) {
    const { alreadyOut } = newerVersions(model.id, snapshot.index, { decidedOn, firstSeen, ...(policy ? { policy } : {}) });
    if (alreadyOut.length > 0) out.push({ model: model.id, versions: alreadyOut });
  }
  return out;
}
