/** The test environment of the database helpers: the only place they read process.env. */
export const testDatabaseAdminUrl = (): string =>
  process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
