/** The test environment of the platform helpers: the only place they read process.env. */
export const testRedisUrlFromEnv = (): string => process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** TEST_LOG=1 shows logs (e.g. the cause of a 500) while debugging a test. */
export const testLogEnabled = (): boolean => Boolean(process.env.TEST_LOG);
/** The environment a test hands to a child process it starts. */
export const inheritedEnv = (): Record<string, string | undefined> => ({ ...process.env });
