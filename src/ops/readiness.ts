/** One thing the app needs to serve users; `probe` rejects, saying why, when it is not there. */
export interface ReadinessCheck {
  name: string;
  probe: () => Promise<unknown>;
}

export interface ReadinessReport {
  ready: boolean;
  /** `ok`, or why not, per check. */
  checks: Record<string, string>;
}

export interface Readiness {
  report: () => Promise<ReadinessReport>;
  /** From now on the app reports not ready: it is stopping and takes no new work. */
  markStopping: () => void;
}

export interface ReadinessOptions {
  /** A report is reused this long, so frequent probes cost Slack and the database one check each. Default 5 s. */
  cacheMs?: number;
  /** A check that has not answered by then counts as failed. Default 3 s. */
  timeoutMs?: number;
  now?: () => number;
}

/** Runs the checks together, each bounded by a timeout; concurrent callers share one run, and its result for `cacheMs`. */
export function createReadiness(checks: readonly ReadinessCheck[], options: ReadinessOptions = {}): Readiness {
  const { cacheMs = 5000, timeoutMs = 3000, now = Date.now } = options;
  let stopping = false;
  let cached: { at: number; report: Promise<ReadinessReport> } | undefined;
  const run = async (): Promise<ReadinessReport> => {
    const results = await Promise.all(checks.map((check) => outcome(check, timeoutMs)));
    return { ready: results.every((r) => r === "ok"), checks: Object.fromEntries(checks.map((c, i) => [c.name, results[i]!])) };
  };
  return {
    report: () => {
      if (stopping) return Promise.resolve({ ready: false, checks: { app: "stopping" } });
      if (!cached || now() - cached.at >= cacheMs) cached = { at: now(), report: run() };
      return cached.report;
    },
    markStopping: () => {
      stopping = true;
    },
  };
}

async function outcome(check: ReadinessCheck, timeoutMs: number): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`no answer within ${timeoutMs} ms`), timeoutMs);
    timer.unref();
  });
  try {
    return await Promise.race([check.probe().then(() => "ok"), timeout]);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    clearTimeout(timer);
  }
}
