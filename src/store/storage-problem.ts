/** PostgreSQL's codes: disk full, out of memory, too many connections; a read-only server; lock waits and lost races. */
const PG_FULL = new Set(["53100", "53200", "53300"]);
const PG_READ_ONLY = new Set(["25006", "42501"]);
const PG_BUSY = new Set(["40001", "40P01", "55P03", "57014"]);

/** A storage failure in plain words, for the person whose action it stopped (the log gets the real error). */
export function storageProblem(error: unknown): string {
  const code = String((error as { code?: unknown })?.code ?? "");
  if (code === "53100") return "the server's disk is full";
  if (PG_FULL.has(code)) return "the database is overloaded";
  if (PG_READ_ONLY.has(code)) return "the database can't be written right now";
  if (PG_BUSY.has(code)) return "the database is busy";
  if (code.startsWith("SQLITE_FULL")) return "the server's disk is full";
  if (code.startsWith("SQLITE_READONLY") || code.startsWith("SQLITE_IOERR") || code.startsWith("SQLITE_CANTOPEN")) {
    return "the database can't be written right now";
  }
  if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) return "the database is busy";
  return "the database isn't answering";
}
