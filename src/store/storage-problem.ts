/** A storage failure in plain words, for the person whose action it stopped (the log gets the real error). */
export function storageProblem(error: unknown): string {
  const code = String((error as { code?: unknown })?.code ?? "");
  if (code.startsWith("SQLITE_FULL")) return "the server's disk is full";
  if (code.startsWith("SQLITE_READONLY") || code.startsWith("SQLITE_IOERR") || code.startsWith("SQLITE_CANTOPEN")) {
    return "the database can't be written right now";
  }
  if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) return "the database is busy";
  return "the database isn't answering";
}
