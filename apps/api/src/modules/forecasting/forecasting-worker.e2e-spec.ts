import { JobName, QueueName } from '@flexmeasures/contracts';
import { synthetic } from '@flexmeasures/domain';
import type { JobQueue } from '@flexmeasures/jobs';
import { JOB_QUEUE } from '@flexmeasures/server-core';
import {
  createTestDatabase,
  describeWithPostgresAndRedis,
  makeTempDir,
  removeDir,
  RunningProcess,
  startNodeProcess,
  testRedisUrl,
  TestDatabase,
  uniquePrefix,
  until,
} from '@flexmeasures/testing';
import { DataFixture, TestUser } from '../../test/data-fixture';

jest.setTimeout(180_000);

/*
 * Forecasting in production shape: the api (here in the test process) only
 * queues forecasting jobs on Bull; a separate worker process (the built
 * apps/worker) makes and stores the forecasts in PostgreSQL.
 */

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2016, 0, 1);
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

describeWithPostgresAndRedis('forecasting with Bull and a separate worker (PostgreSQL, Redis)', () => {
  const fixture = new DataFixture();
  let database: TestDatabase;
  let env: Record<string, string>;
  let worker: RunningProcess | undefined;
  let owner: TestUser;
  let dataDir: string;
  const queue = () => fixture.auth.app.get<JobQueue>(JOB_QUEUE);

  const postMeterData = (asset: number, startMs: number, values: number[]) =>
    fixture.post(
      'v2_0',
      'postMeterData',
      { type: 'PostMeterDataRequest', connection: DataFixture.connection(owner.id, asset), values, start: iso(startMs), duration: `PT${values.length * 15}M`, horizon: 'PT0H', unit: 'MW' },
      { token: owner.token },
    );

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = makeTempDir('forecasting-worker');
    env = {
      DATABASE_URL: database.url,
      REDIS_URL: testRedisUrl(),
      FLEXMEASURES_QUEUE_PREFIX: uniquePrefix('forecasting'),
      SECRET_KEY: 'a-shared-secret-key-for-the-forecasting-tests',
      FLEXMEASURES_TIMEZONE: 'UTC',
    };
    // Jobs queued by new data wait an hour: this test watches them wait; the worker runs the jobs `add forecasts --as-job` queues.
    await fixture.start({ ...env, FLEXMEASURES_FORECASTING_ON_NEW_DATA: 'true', FLEXMEASURES_FORECASTING_DELAY: 'PT1H' });
    expect(fixture.auth.config.queue.kind).toBe('redis');
    owner = await fixture.user('prosumer@example.com', ['Prosumer']);
  });
  afterAll(async () => {
    await worker?.stop();
    await fixture.stop();
    await database?.drop();
    if (dataDir) removeDir(dataDir);
  });

  it('makes one pending job per horizon in Redis of a burst of 20 posts for one sensor', async () => {
    const asset = await fixture.asset({ owner: owner.id, type: 'building' });
    for (let hour = 0; hour < 20; hour++) expect((await postMeterData(asset, T0 + hour * HOUR, [0.1, 0.2, 0.3, 0.4])).status).toBe(200);
    let previous = '';
    const settled = await until('the queue to settle', async () => {
      const counts = JSON.stringify(await queue().counts(QueueName.Forecasting));
      const stable = counts === previous;
      previous = counts;
      await new Promise((resolve) => setTimeout(resolve, 300));
      return stable ? JSON.parse(counts) : undefined;
    });
    expect(settled).toEqual({ waiting: 0, active: 0, delayed: 4, completed: 0, failed: 0 });
  });

  it('a worker process makes the forecasts that add forecasts --as-job queues; a job for a missing sensor fails alone', async () => {
    const asset = await fixture.asset({ owner: owner.id, type: 'building' });
    const data = synthetic.generateYear({ seed: 8, startMs: T0, days: 21, lat: 33.5, lng: 126.5 });
    expect((await postMeterData(asset, T0, data.building.values.map((kw) => Math.round((kw as number) * 10) / 10_000))).status).toBe(200);
    const E = T0 + 21 * DAY;
    const cli = startNodeProcess('apps/cli/dist/main.js', { ...env, LOGGING_LEVEL: 'warn', DATA_DIR: dataDir }, [
      'add', 'forecasts', '--as-job', '--sensor', String(asset), '--from-date', iso(E), '--to-date', iso(E + 6 * HOUR), '--horizon', 'PT6H', '--horizon', 'PT1H',
    ]);
    expect(await cli.exited).toBe(0);
    expect(cli.output()).toMatch(/Queued 2 forecasting jobs for 1 sensor on the forecasting queue/);
    const missing = await queue().enqueue(QueueName.Forecasting, JobName.Forecast, { sensorId: 987_654, horizon: 'PT6H', start: iso(E), end: iso(E + 6 * HOUR), forecastTime: iso(Date.now()) });

    worker = startNodeProcess('apps/worker/dist/main.js', { ...env, LOGGING_LEVEL: 'info', DATA_DIR: dataDir });
    await worker.waitForOutput(/worker ready/);
    expect(worker.output()).toMatch(/processes jobs of queue\(s\) scheduling, forecasting \(redis\)/);
    expect(await queue().waitForJob(QueueName.Forecasting, missing.id, 60_000)).toMatchObject({ status: 'failed', attemptsMade: 1, failedReason: expect.stringMatching(/Sensor 987654 does not exist/) });
    const rows = await until('the forecasts', async () => {
      const found: { n: number }[] = await fixture.db.query(
        `SELECT count(*)::int AS n FROM timed_belief b JOIN data_source s ON s.id = b.source_id WHERE b.sensor_id = $1 AND s.name = 'forecaster' AND b.cumulative_probability = 0.5`,
        [asset],
      );
      return found[0].n >= 24 + 24 ? found[0].n : undefined;
    }, 60_000);
    expect(rows).toBe(48);
    // The api answers getPrognosis from what the worker stored.
    const answer = await fixture.get('v2_0', 'getPrognosis', { type: 'GetPrognosisRequest', connection: DataFixture.connection(owner.id, asset), start: iso(E), duration: 'PT6H', horizon: 'PT6H', unit: 'MW' }, { token: owner.token });
    expect(answer.status).toBe(200);
    expect(answer.body.values).toHaveLength(24);
    expect(answer.body.values.every((v: number | null) => typeof v === 'number' && v >= 0)).toBe(true);
    const lastHour = await fixture.get('v2_0', 'getPrognosis', { type: 'GetPrognosisRequest', connection: DataFixture.connection(owner.id, asset), start: iso(E + 5 * HOUR), duration: 'PT1H', horizon: 'PT1H', unit: 'MW' }, { token: owner.token });
    expect(lastHour.body.values).toHaveLength(4);
    expect(lastHour.body.values.every((v: number | null) => v !== null)).toBe(true);
  });
});
