/**
 * Where the tests find the real PostgreSQL and Redis. On a developer machine
 * without them these tests are skipped (and say so); with
 * FLEXMEASURES_TEST_REQUIRE_SERVICES=true (CI) they run or fail, never skip.
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
export const REQUIRE_SERVICES = ['1', 'true', 'yes'].includes(
  (process.env.FLEXMEASURES_TEST_REQUIRE_SERVICES ?? '').toLowerCase(),
);

/** Set by the global set-up after probing: 'yes' or the reason it is unavailable. */
export const POSTGRES_AVAILABLE_ENV = 'FM_TEST_POSTGRES_AVAILABLE';
export const REDIS_AVAILABLE_ENV = 'FM_TEST_REDIS_AVAILABLE';
