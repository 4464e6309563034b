import { readdirSync, readFileSync } from 'node:fs';
import { testRunId } from './config.js';

/**
 * Every process a test starts (a worker, a redis-server, a PostgreSQL cluster) carries this
 * variable with the run's id, so that the global teardown can find any that outlived the
 * suite, whoever its parent is now (an orphan is re-parented to init).
 */
export const TEST_CHILD_MARKER = 'TYM_TEST_CHILD';

/** The environment entries a test adds to each process it starts. */
export function testChildEnv(): Record<string, string> {
  return { [TEST_CHILD_MARKER]: testRunId() };
}

export interface MarkedProcess {
  pid: number;
  cmdline: string;
}

/** Live processes (not zombies) whose environment carries the marker of run `runId`. */
export function findMarkedProcesses(runId: string = testRunId()): MarkedProcess[] {
  const wanted = `${TEST_CHILD_MARKER}=${runId}`;
  const found: MarkedProcess[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) continue;
      const environ = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
      if (!environ.includes(wanted)) continue;
      found.push({ pid, cmdline: readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim() });
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return found;
}

/** The pids of a process's descendants (children, grandchildren…), from /proc. */
export function descendantsOf(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const queue = [pid];
  while (queue.length) {
    const next = queue.shift() as number;
    for (const child of parents.get(next) ?? []) {
      out.push(child);
      queue.push(child);
    }
  }
  return out;
}

/** True when no such process exists any more (ESRCH), or only its zombie waits to be reaped. */
export function processGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return true;
    throw err;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}
