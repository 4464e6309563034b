/**
 * One query at a time per client (pg warns, and pg@9 will refuse): a `Promise.all` over a
 * transaction client queues a second query behind the first. In tests that warning is an
 * error, so a regression goes red instead of scrolling past in the output.
 *
 * pg reports it through `util.deprecate`, i.e. once per process: the first offender fails.
 */
export const CONCURRENT_QUERY_WARNING = 'already executing a query';

export class ConcurrentQueryError extends Error {
  override name = 'ConcurrentQueryError';
}

let installed = false;

/** Installs the guard once per test process (idempotent). */
export function failOnConcurrentQueries(): void {
  if (installed) return;
  installed = true;
  process.on('warning', (warning) => {
    if (warning.message.includes(CONCURRENT_QUERY_WARNING)) {
      throw new ConcurrentQueryError(
        `two queries at once on one pg client (Promise.all over a transaction?): ${warning.message}`,
      );
    }
  });
}
