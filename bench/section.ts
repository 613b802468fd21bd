// The contract between bench/run.ts and each section module. A section measures one thing and hands back tables,
// targets and notes; run.ts prints and records them. To add a section, export one of these and list it in run.ts.

export interface BenchContext {
  /** `--quick`: smaller counts, to smoke-test the bench itself; its numbers are not worth comparing. */
  quick: boolean;
  /** Progress on stderr (not part of the results). */
  progress: (line: string) => void;
}

export interface Table {
  title: string;
  columns: string[];
  rows: string[][];
}

/** A target is reported, never asserted: met, or missed by how much. */
export interface TargetResult {
  target: string;
  measured: string;
  met: boolean;
  /** e.g. "by 12 ms (12%)"; empty when met. */
  missedBy: string;
}

export interface SectionReport {
  tables: Table[];
  targets: TargetResult[];
  /** Method notes and caveats, one sentence each. */
  notes: string[];
}

export interface Section {
  /** Used by `--only` (lower case, no spaces). */
  name: string;
  title: string;
  run: (ctx: BenchContext) => Promise<SectionReport>;
}
