import { randomUUID } from "node:crypto";
import { hostname } from "node:os";

/** Names this process in job claims and the lease: `host:pid:nonce` (the nonce tells a restarted pid 1 from its predecessor). */
export function workerId(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Whether an id names a worker of this host whose process is gone (killed, crashed): its claims and its lease can be
 * taken over now instead of when they expire. A restarted container often gets the same pid, hence the nonce.
 */
export function isGoneLocalWorker(id: string, self: string, alive: (pid: number) => boolean = pidAlive): boolean {
  const nonceAt = id.lastIndexOf(":");
  const pidAt = id.lastIndexOf(":", nonceAt - 1);
  if (nonceAt < 0 || pidAt < 0 || id.slice(0, pidAt) !== hostname()) return false;
  const pid = Number(id.slice(pidAt + 1, nonceAt));
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return id !== self;
  return !alive(pid);
}
