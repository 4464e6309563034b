import { findMarkedProcesses } from './child-processes.js';
import { setTestRunId } from './config.js';

/**
 * Vitest global setup: gives the run an id that every process a test starts carries
 * (child-processes.ts), and at the end fails the run if any of them is still alive. They are
 * killed first, so a failing run leaves nothing behind either.
 */
export async function setup(): Promise<() => Promise<void>> {
  const runId = `${process.pid}-${Date.now().toString(36)}`;
  setTestRunId(runId);
  return async () => {
    const left = findMarkedProcesses(runId);
    for (const p of left) {
      try {
        process.kill(p.pid, 'SIGKILL');
      } catch {
        // gone meanwhile
      }
    }
    if (left.length) {
      throw new Error(
        `the tests left ${left.length} process(es) running (now killed):\n${left
          .map((p) => `  ${p.pid} ${p.cmdline}`)
          .join('\n')}`,
      );
    }
  };
}
