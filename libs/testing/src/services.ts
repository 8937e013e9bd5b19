import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';

const reason = (envName: string): string | undefined => {
  const value = process.env[envName];
  return value === 'yes' ? undefined : (value ?? 'not probed (run the tests through jest.config.ts)');
};

/** `describe` that runs only when the real PostgreSQL is reachable (always in CI). */
export function describeWithPostgres(name: string, fn: () => void): void {
  const missing = reason('FM_TEST_POSTGRES_AVAILABLE');
  if (missing && !requireServices()) {
    describe.skip(`${name} [skipped: PostgreSQL unreachable: ${missing}]`, fn);
  } else {
    describe(name, fn);
  }
}

/** `describe` that runs only when the real Redis is reachable (always in CI). */
export function describeWithRedis(name: string, fn: () => void): void {
  const missing = reason('FM_TEST_REDIS_AVAILABLE');
  if (missing && !requireServices()) {
    describe.skip(`${name} [skipped: Redis unreachable: ${missing}]`, fn);
  } else {
    describe(name, fn);
  }
}

/** Both services, for the multi-process tests. */
export function describeWithPostgresAndRedis(name: string, fn: () => void): void {
  const missing = reason('FM_TEST_POSTGRES_AVAILABLE') ?? reason('FM_TEST_REDIS_AVAILABLE');
  if (missing && !requireServices()) {
    describe.skip(`${name} [skipped: ${missing}]`, fn);
  } else {
    describe(name, fn);
  }
}

function requireServices(): boolean {
  return ['1', 'true', 'yes'].includes((process.env.FLEXMEASURES_TEST_REQUIRE_SERVICES ?? '').toLowerCase());
}

export interface TestDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

/** A fresh, empty database on the test server, so each test file is isolated. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `fm_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new Client({ connectionString: DATABASE_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** The test Redis URL; isolate tests with a unique queue prefix (see uniquePrefix). */
export function testRedisUrl(): string {
  return REDIS_URL;
}

export function uniquePrefix(label: string): string {
  return `fmtest-${label}-${randomBytes(4).toString('hex')}`;
}
