/**
 * A benchmark of background work (not request/response): it prepares data, starts worker
 * processes, waits for an effect, and returns the lines it wants printed.
 */
export interface JobBenchmark {
  name: string;
  description: string;
  run(ctx: JobBenchmarkContext): Promise<string[]>;
}

export interface JobBenchmarkContext {
  /** The benchmark database (migrated, reference data loaded). */
  databaseUrl: string;
  /** Repository root, to start worker processes with tsx. */
  root: string;
  /** `--name=value` options given after the benchmark name. */
  options: Record<string, string>;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? Number.NaN;
}
