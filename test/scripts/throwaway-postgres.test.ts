import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { postgresBinDir } from "../../scripts/throwaway-postgres.js";

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function fakeInstall(...folders: string[]): string {
  dir = mkdtempSync(join(tmpdir(), "swf-pgbin-"));
  for (const folder of folders) {
    mkdirSync(join(dir, folder), { recursive: true });
    for (const program of ["initdb", "pg_ctl"]) writeFileSync(join(dir, folder, program), "");
  }
  return dir;
}

describe("finding PostgreSQL's server programs", () => {
  it("finds none where neither PATH nor the versions folder holds initdb and pg_ctl", () => {
    const root = fakeInstall("lonely");
    rmSync(join(root, "lonely", "pg_ctl"));
    expect(postgresBinDir(join(root, "lonely"), join(root, "missing"))).toBeUndefined();
  });

  it("prefers PATH, else the newest installed version", () => {
    const root = fakeInstall("on-path", "versions/13/bin", "versions/15/bin", "versions/9/bin");
    expect(postgresBinDir(join(root, "on-path"), join(root, "versions"))).toBe(join(root, "on-path"));
    expect(postgresBinDir("", join(root, "versions"))).toBe(join(root, "versions/15/bin"));
  });
});
