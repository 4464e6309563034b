/** The test environment of the database helpers: the only place they read process.env. */
export const testDatabaseAdminUrl = (): string =>
  process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** The id of this test run, set by the no-leftover-processes global setup for its children. */
export const testRunId = (): string => process.env.TYM_TEST_RUN ?? `adhoc-${process.pid}`;
/** Sets the run id in the main vitest process, before the test workers start. */
export const setTestRunId = (id: string): void => {
  process.env.TYM_TEST_RUN = id;
};
