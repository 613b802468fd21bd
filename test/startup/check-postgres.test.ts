import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { checkPostgres, describePostgresError } from "../../src/startup/check-postgres.js";

const URL_ = "postgres://swf:never-shown-password@db.internal:6543/decisions";
const failure = (code: string | undefined, message = "") => Object.assign(new Error(message), code ? { code } : {});

describe("describePostgresError", () => {
  it.each([
    [failure("ENOTFOUND", "getaddrinfo ENOTFOUND db.internal"), "DATABASE_URL: the host in db.internal:6543 is unknown (ENOTFOUND)"],
    [
      failure(undefined, "Connection terminated due to connection timeout"),
      "DATABASE_URL: PostgreSQL at db.internal:6543 did not answer within 10 s",
    ],
    [
      failure("42501", "permission denied for schema public"),
      'DATABASE_URL: user "swf" may not create the app\'s tables in database "decisions" (permission denied for schema public)',
    ],
    [
      failure("57P03", "the database system is starting up"),
      "DATABASE_URL: PostgreSQL at db.internal:6543 is starting or stopping; try again in a moment",
    ],
    [failure("XX000", "something odd"), "DATABASE_URL: PostgreSQL at db.internal:6543: something odd (XX000)"],
    [failure("ECONNRESET", "read ECONNRESET"), "DATABASE_URL: cannot reach db.internal:6543 (ECONNRESET)"],
  ])("names the setting and the server, never the password: %s", (error, line) => {
    expect(describePostgresError(error, URL_)).toBe(line);
  });

  it("leaves an error that is neither PostgreSQL's nor the network's to be reported as a bug", () => {
    expect(describePostgresError(new TypeError("x is not a function"), URL_)).toBeUndefined();
  });
});

describe("checkPostgres", () => {
  it("says in one line that nothing answers at a closed port", async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(await checkPostgres(`postgres://swf:pw@127.0.0.1:${port}/swf`)).toBe(
      `DATABASE_URL: nothing answers at 127.0.0.1:${port} (connection refused); is PostgreSQL running there?`,
    );
  });
});
