import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { Client } from 'pg';
import Redis from 'ioredis';
import {
  POSTGRES_AVAILABLE_ENV,
  REDIS_AVAILABLE_ENV,
  REQUIRE_SERVICES,
  TEST_DATABASE_URL,
  TEST_REDIS_URL,
} from './services';

async function probePostgres(): Promise<string> {
  const client = new Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return 'yes';
  } catch (error) {
    return (error as Error).message || String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function probeRedis(): Promise<string> {
  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, connectTimeout: 2000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
    return 'yes';
  } catch (error) {
    return (error as Error).message || String(error);
  } finally {
    redis.disconnect();
  }
}

/** Process-level tests run the built apps; tsc -b only rebuilds what changed. */
function buildServerApps(): void {
  if (process.env.FM_TEST_SKIP_BUILD === '1') return;
  const root = path.resolve(__dirname, '..', '..');
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-b', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
}

export default async function globalSetup(): Promise<void> {
  process.env.TZ = 'UTC';
  buildServerApps();
  const [postgres, redis] = await Promise.all([probePostgres(), probeRedis()]);
  process.env[POSTGRES_AVAILABLE_ENV] = postgres;
  process.env[REDIS_AVAILABLE_ENV] = redis;
  const missing = [
    postgres !== 'yes' ? `PostgreSQL at ${TEST_DATABASE_URL} (${postgres}); set TEST_DATABASE_URL` : '',
    redis !== 'yes' ? `Redis at ${TEST_REDIS_URL} (${redis}); set TEST_REDIS_URL` : '',
  ].filter(Boolean);
  if (missing.length === 0) return;
  if (REQUIRE_SERVICES) {
    throw new Error(`FLEXMEASURES_TEST_REQUIRE_SERVICES is set but these are unreachable:\n  ${missing.join('\n  ')}`);
  }
  process.stdout.write(
    `\nSKIPPED: the tests of the real PostgreSQL/Redis adapters will be skipped, unreachable:\n  ${missing.join('\n  ')}\n` +
      'Start the service(s) or point the variable(s) above at one to run them.\n\n',
  );
}
