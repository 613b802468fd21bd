import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { probeWrite } from "../../src/store/probe.js";
import type { SqlClient } from "../../src/store/sql-client.js";
import { STORE_DIALECTS } from "../support/store-dialects.js";

let db: SqlClient | undefined;
afterEach(async () => {
  await db?.close();
  db = undefined;
});

describe.each(STORE_DIALECTS)("the readiness probe ($name)", ({ open }) => {
  it("writes, again and again, and fails once the database takes no writes", async () => {
    db = await open();
    await probeWrite(db);
    await probeWrite(db);
    const readOnly = db.dialect === "sqlite" ? sql.raw("pragma query_only = 1") : sql.raw("set default_transaction_read_only = on");
    await db.run(readOnly);
    await expect(probeWrite(db)).rejects.toThrow(/read-?only/i);
  });
});
