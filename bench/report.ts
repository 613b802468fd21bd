// Renders section reports as Markdown tables: the same text goes to the terminal and to bench/RESULTS.md.
import { execFileSync } from "node:child_process";
import { cpus, loadavg, totalmem } from "node:os";
import type { SectionReport, Table, TargetResult } from "./section.js";

export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  date: string;
  /** 1-minute load average when the run started: above the core count, something else was busy too. */
  load: number;
  /** The commit measured, and whether src/ had uncommitted changes. */
  code: string;
}

export function describeMachine(): Machine {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? "unknown",
    cores: list.length,
    memoryGb: totalmem() / 1024 ** 3,
    node: process.version,
    date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    load: loadavg()[0] ?? 0,
    code: describeCode(),
  };
}

function describeCode(): string {
  const git = (...args: string[]) => execFileSync("git", args, { cwd: new URL("..", import.meta.url), encoding: "utf8" }).trim();
  try {
    return `${git("rev-parse", "--short", "HEAD")}${git("status", "--porcelain", "--", "src", "db") ? " + uncommitted src/ changes" : ""}`;
  } catch {
    return "unknown (no git)";
  }
}

export function renderMachine(m: Machine, args: string): string {
  return renderTable({
    title: "Machine",
    columns: ["CPU", "cores", "memory", "Node", "date (UTC)", "load avg (1 min) at start", "code", "arguments"],
    rows: [[m.cpu, String(m.cores), `${m.memoryGb.toFixed(1)} GB`, m.node, m.date, m.load.toFixed(2), m.code, args || "(none)"]],
  });
}

/** A Markdown table with padded columns, readable as plain text too. */
export function renderTable(table: Table): string {
  const widths = table.columns.map((c, i) => Math.max(c.length, ...table.rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  const rule = `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`;
  return [`**${table.title}**`, "", line(table.columns), rule, ...table.rows.map(line)].join("\n");
}

export function renderTargets(targets: TargetResult[]): string {
  return renderTable({
    title: "Targets (reported, not asserted)",
    columns: ["target", "measured", "result"],
    rows: targets.map((t) => [t.target, t.measured, t.met ? "met" : `MISSED ${t.missedBy}`]),
  });
}

export function renderSection(title: string, report: SectionReport): string {
  const parts = [`## ${title}`, ...report.tables.map(renderTable)];
  if (report.targets.length > 0) parts.push(renderTargets(report.targets));
  if (report.notes.length > 0) parts.push(report.notes.map((n) => `- ${n}`).join("\n"));
  return parts.join("\n\n");
}
