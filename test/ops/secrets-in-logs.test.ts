import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validAnswers } from "../support/answers.js";
import { CatalogServer } from "../support/catalog-server.js";
import { CHANNEL, type Harness, REQUESTER, runReview, startHarness } from "../support/harness.js";

const TOKEN_TYPED_BY_A_USER = "xoxb-not-the-real-token-but-a-token";
const CATALOG_KEY = "CATALOGKEY123456";
const CATALOG_TOKEN = "catalog-token-987";
const CATALOG_PASSWORD = "catalog-password-555";

let h: Harness;
let catalog: CatalogServer;
beforeAll(async () => {
  catalog = await CatalogServer.start({});
  catalog.fail = true;
  h = await startHarness({
    LOG_LEVEL: "debug",
    MODEL_SOURCES: "bundled,models.dev,litellm",
    // A password in the URL: fetch refuses it, and the error quotes the URL.
    MODELS_DEV_URL: `http://watch:${CATALOG_PASSWORD}@127.0.0.1:9/api.json`,
    // A key and a token in the query: the catalog answers 500, and the error quotes the URL.
    LITELLM_URL: `${catalog.url}?key=${CATALOG_KEY}&token=${CATALOG_TOKEN}`,
  });
});
afterAll(async () => {
  await h?.stop();
  await catalog?.stop();
});

describe("the app's log at debug level", () => {
  it("masks every secret it would otherwise print", async () => {
    await runReview(h, validAnswers({ title: "Logged review" }));
    await h.driver.sendSlashCommand({ userId: REQUESTER, channelId: CHANNEL, text: TOKEN_TYPED_BY_A_USER });
    await h.app.checkModelsNow();
    const lines = h.logs().map((record) => JSON.stringify(record));
    const text = lines.join("\n");
    // The lines that quote the catalog URLs were written, with the secrets masked.
    expect(lines.find((l) => l.includes("catalog source models.dev skipped"))).toContain("watch:[REDACTED]@127.0.0.1:9/api.json");
    expect(lines.find((l) => l.includes("catalog source litellm skipped"))).toContain("?key=[REDACTED]&token=[REDACTED]");
    // Bolt's and the Web API client's debug lines were written too (request bodies, tokens in typed text).
    expect(lines.filter((l) => l.includes('"level":"debug"')).length).toBeGreaterThan(10);
    expect(text).toContain("xoxb-[REDACTED]");
    for (const secret of [
      h.emulator.botToken,
      TOKEN_TYPED_BY_A_USER,
      CATALOG_KEY,
      CATALOG_TOKEN,
      CATALOG_PASSWORD,
      "test-signing-secret",
    ]) {
      expect(text, secret).not.toContain(secret);
    }
  });
});
