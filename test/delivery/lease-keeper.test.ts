import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { keepLease, type LeaseKeeper } from "../../src/delivery/lease-keeper.js";
import { acquireLease, leaseHolder } from "../../src/store/lease.js";
import type { SqlClient } from "../../src/store/sql-client.js";
import { STORE_DIALECTS } from "../support/store-dialects.js";

let db: SqlClient;
const keepers: LeaseKeeper[] = [];
const log = { debug: () => undefined, warn: () => undefined, error: () => undefined };
afterEach(async () => {
  for (const k of keepers.splice(0)) await k.stop();
  await db.close();
});

function keeper(holder: string, events: string[], extra: { isGone?: (h: string) => boolean; renewMs?: number } = {}) {
  return keepLease({
    db,
    name: "background",
    holder,
    log,
    ttlMs: 60_000,
    renewMs: extra.renewMs ?? 60_000,
    onAcquired: () => void events.push(`${holder} acquired`),
    onLost: () => void events.push(`${holder} lost`),
    ...(extra.isGone ? { isGone: extra.isGone } : {}),
  }).then((k) => {
    keepers.push(k);
    return k;
  });
}

describe.each(STORE_DIALECTS)("the background lease ($name)", ({ open }) => {
  beforeEach(async () => {
    db = await open();
  });

  it("goes to one holder; the other waits, and takes it at its next try once the first stops", async () => {
    const events: string[] = [];
    const first = await keeper("A", events);
    const second = await keeper("B", events, { renewMs: 20 });
    expect([first.held, second.held]).toEqual([true, false]);
    await first.stop();
    expect((await leaseHolder(db, "background"))?.holder).not.toBe("A");
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (second.held) {
          clearInterval(check);
          resolve();
        }
      }, 10);
    });
    expect(events).toEqual(["A acquired", "A lost", "B acquired"]);
  });

  it("is taken from a holder known to be gone before it expires, and from an expired one", async () => {
    const now = new Date();
    await acquireLease(db, "background", "dead-one", now, new Date(now.getTime() + 60_000));
    const events: string[] = [];
    const alive = await keeper("C", events, { isGone: () => false });
    expect(alive.held).toBe(false);
    const taker = await keeper("D", events, { isGone: (h) => h === "dead-one" });
    expect(taker.held).toBe(true);
    expect(await acquireLease(db, "background", "E", new Date(now.getTime() + 120_000), new Date(now.getTime() + 180_000))).toBe(true);
  });
});
