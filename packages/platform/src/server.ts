import closeWithGrace from 'close-with-grace';
import type { FastifyBaseLogger } from 'fastify';

export interface RunOptions {
  log: FastifyBaseLogger;
  graceMs: number;
  /** Stops the process's resources, newest first: HTTP server, workers, queues, pools. */
  close: () => Promise<void>;
}

/**
 * Graceful shutdown on SIGTERM/SIGINT: in-flight requests and jobs finish (new requests
 * get 503) within `graceMs`; a second signal or the grace running out exits at once.
 */
export function onShutdown(options: RunOptions): void {
  closeWithGrace({ delay: options.graceMs }, async ({ signal, err }) => {
    if (err) options.log.error({ err }, 'shutting down after an error');
    else options.log.info({ signal }, 'shutting down');
    await options.close();
  });
}
