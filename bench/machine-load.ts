// Who used the CPU during a measurement: this process, the app processes, everything else, and the hypervisor
// (steal). On a shared or virtual machine this tells whether a slow burst was ours or a neighbour's. Linux only.
import { readFileSync } from "node:fs";
import { cpus } from "node:os";
import type { AppProcess } from "./app-process.js";

const CLOCK_TICKS_PER_SEC = 100;

interface Snapshot {
  /** All CPUs, in ms: user+nice+system (process time), irq+softirq, steal, and everything including idle. */
  busyMs: number;
  irqMs: number;
  stealMs: number;
  totalMs: number;
  benchMs: number;
  appMs: Map<string, number | undefined>;
}

export interface CpuShares {
  /** Share of all cores' time, 0..1, per row name. */
  rows: Array<[string, number]>;
}

function readSystem(): Pick<Snapshot, "busyMs" | "irqMs" | "stealMs" | "totalMs"> | undefined {
  try {
    const line = readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "";
    const [user, nice, system, idle, iowait, irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
    const ms = (t: number | undefined) => ((t ?? 0) / CLOCK_TICKS_PER_SEC) * 1000;
    const busy = ms(user) + ms(nice) + ms(system);
    const irqMs = ms(irq) + ms(softirq);
    return { busyMs: busy, irqMs, stealMs: ms(steal), totalMs: busy + irqMs + ms(idle) + ms(iowait) + ms(steal) };
  } catch {
    return undefined;
  }
}

/** Call before a measurement; the returned function, called after it, gives each party's share of the machine. */
export function startCpuAccounting(apps: readonly AppProcess[]): () => CpuShares | undefined {
  const snap = (): Snapshot | undefined => {
    const system = readSystem();
    if (!system) return undefined;
    const own = process.cpuUsage();
    return { ...system, benchMs: (own.user + own.system) / 1000, appMs: new Map(apps.map((a) => [a.name, a.cpuMs()])) };
  };
  const before = snap();
  return () => {
    const after = snap();
    if (!before || !after) return undefined;
    const total = after.totalMs - before.totalMs;
    if (total <= 0) return undefined;
    const bench = after.benchMs - before.benchMs;
    const appRows = apps.map((a): [string, number] => [a.name, ((after.appMs.get(a.name) ?? 0) - (before.appMs.get(a.name) ?? 0)) / total]);
    const delta = (key: "busyMs" | "irqMs" | "stealMs") => (after[key] - before[key]) / total;
    const known = (bench + appRows.reduce((n, [, share]) => n + share * total, 0)) / total;
    return {
      rows: [
        ["this process (load generator + emulator)", bench / total],
        ...appRows,
        ["other processes", Math.max(0, delta("busyMs") - known)],
        ["interrupts (irq + softirq, incl. loopback networking)", delta("irqMs")],
        ["steal (hypervisor)", delta("stealMs")],
        ["idle", Math.max(0, 1 - delta("busyMs") - delta("irqMs") - delta("stealMs"))],
      ],
    };
  };
}

export const coreCount = (): number => cpus().length;
