import { deadlineReminders } from '../deadlines.js';
import type { JobBenchmark } from './job-benchmark.js';
import { webhookFanout } from './webhook-fanout.js';

/** Benchmarks of background work, by name (`pnpm bench webhook-fanout --events=1000`). */
export const jobBenchmarks: JobBenchmark[] = [webhookFanout, deadlineReminders];
