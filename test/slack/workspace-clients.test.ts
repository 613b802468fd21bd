import type { WebClient } from "@slack/web-api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { installationClients, oneClient } from "../../src/slack/workspace-clients.js";
import { deleteInstallation, saveInstallation } from "../../src/store/installations.js";
import { openDb } from "../../src/store/open-db.js";
import type { SqlClient } from "../../src/store/sql-client.js";

let db: SqlClient;
let made: string[];
const makeClient = (token: string) => {
  made.push(token);
  return { token } as unknown as WebClient;
};
const install = (teamId: string, token: string) =>
  saveInstallation(db, {
    teamId,
    enterpriseId: null,
    isEnterpriseInstall: false,
    botToken: token,
    botUserId: null,
    botId: null,
    installation: {},
  });

beforeEach(async () => {
  db = await openDb(":memory:");
  made = [];
});
afterEach(async () => db.close());

describe("the bot's client per workspace", () => {
  it("gives each workspace a client with its own token, made once while the token stays", async () => {
    const clients = installationClients(db, makeClient);
    await install("T1", "xoxb-one");
    await install("T2", "xoxb-two");
    const one = await clients.forWorkspace({ teamId: "T1" });
    expect(one?.token).toBe("xoxb-one");
    expect((await clients.forWorkspace({ teamId: "T2" }))?.token).toBe("xoxb-two");
    expect(await clients.forWorkspace({ teamId: "T1" })).toBe(one);
    expect(made).toEqual(["xoxb-one", "xoxb-two"]);
  });

  it("follows a reinstall's new token and an uninstall at once", async () => {
    const clients = installationClients(db, makeClient);
    await install("T1", "xoxb-old");
    expect((await clients.forWorkspace({ teamId: "T1" }))?.token).toBe("xoxb-old");
    await install("T1", "xoxb-new");
    expect((await clients.forWorkspace({ teamId: "T1" }))?.token).toBe("xoxb-new");
    await deleteInstallation(db, { teamId: "T1" });
    expect(await clients.forWorkspace({ teamId: "T1" })).toBeNull();
    expect(await clients.forWorkspace({ teamId: null })).toBeNull();
  });

  it("single-token mode: every workspace gets the one client", async () => {
    const client = makeClient("xoxb-only");
    const clients = oneClient(client);
    expect(await clients.forWorkspace({ teamId: "T1" })).toBe(client);
    expect(await clients.forWorkspace({ teamId: "T9" })).toBe(client);
  });
});
