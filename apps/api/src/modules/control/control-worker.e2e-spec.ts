import { ScheduleJobHandler, SCHEDULER_SOURCE, solverSettings, StorageScheduler } from '@flexmeasures/beliefs';
import { QueueName, ScheduleJobData } from '@flexmeasures/contracts';
import type { JobQueue } from '@flexmeasures/jobs';
import { JOB_QUEUE, SOLVER_POOL } from '@flexmeasures/server-core';
import type { SolverPool } from '@flexmeasures/solvers';
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
import type { Response } from 'supertest';
import { DataFixture, expectError, HOSTS, PREFIX, TestUser } from '../../test/data-fixture';

jest.setTimeout(90_000);

/*
 * The seed's flow with Bull on Redis, PostgreSQL and a separate worker
 * process (the built apps/worker): the api (here in the test process) only
 * enqueues; the worker solves and stores. Also: the idempotent handler on
 * PostgreSQL, and `flexmeasures add schedule` against the same database.
 */

const COMPANY = PREFIX.company;
const START = '2015-06-02T10:00:00+00:00';
const PRICES = Array.from({ length: 48 }, (_, h) => 40 + ((h * 11) % 37) - (h % 9 === 4 ? 60 : 0));


describeWithPostgresAndRedis('device control with Bull and a separate worker (PostgreSQL, Redis)', () => {
  const fixture = new DataFixture();
  let database: TestDatabase;
  let env: Record<string, string>;
  let worker: RunningProcess | undefined;
  let owner: TestUser;
  let dataDir: string;

  const postUdiEvent = (body: object): Promise<Response> =>
    fixture.auth.http().post('/api/v2_0/postUdiEvent').set('Authorization', owner.token).set('Host', HOSTS.company).send(body);
  const getDeviceMessage = (message: Record<string, string>): Promise<Response> =>
    fixture.auth.http().get(`/api/v2_0/getDeviceMessage?${new URLSearchParams(message)}`).set('Authorization', owner.token).set('Host', HOSTS.company);
  /** getDeviceMessage until it no longer says UNKNOWN_SCHEDULE. */
  const settled = (message: Record<string, string>) =>
    until('the schedule', async () => {
      const response = await getDeviceMessage(message);
      return response.body.status === 'UNKNOWN_SCHEDULE' ? undefined : response;
    });

  async function battery(): Promise<number> {
    const id = await fixture.asset({ owner: owner.id, type: 'battery', resolutionMinutes: 15 });
    await fixture.db.query('UPDATE asset SET capacity_in_mw = 0.01, min_soc_in_mwh = 0, max_soc_in_mwh = 0.05 WHERE id = $1', [id]);
    return id;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = makeTempDir('control-worker');
    env = {
      DATABASE_URL: database.url,
      REDIS_URL: testRedisUrl(),
      FLEXMEASURES_QUEUE_PREFIX: uniquePrefix('control'),
      SECRET_KEY: 'a-shared-secret-key-for-the-control-tests',
    };
    await fixture.start(env);
    expect(fixture.auth.config.queue.kind).toBe('redis');
    owner = await fixture.user('prosumer@example.com', ['Prosumer']);
    const prices = await fixture.auth
      .http()
      .post('/api/v2_0/postPriceData')
      .set('Authorization', owner.token)
      .set('Host', HOSTS.company)
      .send({ type: 'PostPriceDataRequest', market: `${COMPANY}:epex_da`, values: PRICES, start: START, duration: 'PT48H', unit: 'EUR/MWh' });
    expect(prices.status).toBe(200);
  });
  afterAll(async () => {
    await worker?.stop();
    await fixture.stop();
    await database?.drop();
    if (dataDir) removeDir(dataDir);
  });

  it('queues the job in Redis (UNKNOWN_SCHEDULE while no worker runs), and a worker process computes and stores the schedule', async () => {
    const asset = await battery();
    const event = `${COMPANY}:${owner.id}:${asset}:204`;
    const posted = await postUdiEvent({ type: 'PostUdiEventRequest', event: `${event}:soc-with-targets`, value: 12.1, unit: 'kWh', datetime: START, targets: [{ value: 25, datetime: '2015-06-02T16:00:00+00:00' }] });
    expect(posted.status).toBe(200);
    const waiting = await getDeviceMessage({ type: 'GetDeviceMessageRequest', event });
    expectError(waiting, 400, 'UNKNOWN_SCHEDULE');
    expect(waiting.body.message).toMatch(/is waiting in the queue/);
    const [{ job_id: jobId }] = await fixture.db.query('SELECT job_id FROM udi_event_job WHERE asset_id = $1', [asset]);
    const queue = fixture.auth.app.get<JobQueue>(JOB_QUEUE);
    expect(await queue.getJob(QueueName.Scheduling, jobId)).toMatchObject({ status: 'waiting' });

    worker = startNodeProcess('apps/worker/dist/main.js', { ...env, LOGGING_LEVEL: 'info', DATA_DIR: dataDir });
    await worker.waitForOutput(/worker ready/);
    const answer = await settled({ type: 'GetDeviceMessageRequest', event, duration: 'PT48H' });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ type: 'GetDeviceMessageResponse', event, start: '2015-06-02T10:00:00Z', duration: 'PT48H', unit: 'MW' });
    const values: number[] = answer.body.values;
    expect(values).toHaveLength(192);
    expect(values.every((v) => Math.abs(v) <= 0.01 + 1e-9)).toBe(true);
    let soc = 0.0121;
    const trajectory = values.map((v) => (soc += v * 0.25));
    expect(trajectory[23]).toBeCloseTo(0.025, 9);
    expect(trajectory.every((s) => s >= -1e-9 && s <= 0.05 + 1e-9)).toBe(true);
    expect(await queue.getJob(QueueName.Scheduling, jobId)).toMatchObject({ status: 'completed', attemptsMade: 1, result: { stored: 192 } });
    // The api process ran no job: the handler ran in the worker, whose log names it.
    expect(fixture.auth.config.queue.kind).toBe('redis');
    expect(worker.output()).toMatch(/processes jobs of queue\(s\) scheduling, forecasting \(redis\)/);
  });

  it('fails a job without prices at once, and getDeviceMessage answers UNKNOWN_PRICES', async () => {
    const asset = await battery();
    const event = `${COMPANY}:${owner.id}:${asset}:1`;
    expect((await postUdiEvent({ type: 'PostUdiEventRequest', event: `${event}:soc`, value: 10, unit: 'kWh', datetime: '2016-06-02T10:00:00Z' })).status).toBe(200);
    const answer = await settled({ type: 'GetDeviceMessageRequest', event });
    expectError(answer, 400, 'UNKNOWN_PRICES');
    const [{ job_id: jobId }] = await fixture.db.query('SELECT job_id FROM udi_event_job WHERE asset_id = $1', [asset]);
    // The handler records the failure before Bull marks the job failed: wait for Bull to catch up.
    expect(await fixture.auth.app.get<JobQueue>(JOB_QUEUE).waitForJob(QueueName.Scheduling, jobId, 10_000)).toMatchObject({ status: 'failed', attemptsMade: 1 });
  });

  it('stores one schedule when the same job runs twice (PostgreSQL)', async () => {
    const asset = await battery();
    const scheduler = new StorageScheduler(fixture.db, fixture.auth.app.get<SolverPool>(SOLVER_POOL), solverSettings(fixture.auth.config));
    const handler = new ScheduleJobHandler(fixture.db, scheduler);
    const data: ScheduleJobData = handler.parse({
      assetId: asset,
      start: '2015-06-02T10:00:00.000Z',
      end: '2015-06-04T10:00:00.000Z',
      resolutionMinutes: 15,
      socAtStartMwh: 0,
      targets: [{ datetime: '2015-06-03T10:00:00.000Z', socMwh: 0.04 }],
      beliefTime: new Date().toISOString(),
    });
    const runs = await Promise.all([1, 2].map((attempt) => handler.handle(data, { jobId: 'twice', queue: QueueName.Scheduling, attempt })));
    expect(runs.map((run) => run.stored).sort()).toEqual([0, 192]);
    await handler.handle(data, { jobId: 'twice', queue: QueueName.Scheduling, attempt: 3 });
    const [{ n }] = await fixture.db.query(
      `SELECT count(*)::int AS n FROM timed_belief b JOIN data_source s ON s.id = b.source_id WHERE b.sensor_id = $1 AND s.type = $2`,
      [asset, SCHEDULER_SOURCE.type],
    );
    expect(n).toBe(192);
  });

  it('flexmeasures add schedule computes and stores a schedule for an asset and window', async () => {
    const asset = await battery();
    const cli = startNodeProcess('apps/cli/dist/main.js', { ...env, LOGGING_LEVEL: 'warn', DATA_DIR: dataDir }, [
      'add',
      'schedule',
      '--asset',
      String(asset),
      '--start',
      '2015-06-02T10:00:00+00:00',
      '--duration',
      'PT6H',
      '--soc-at-start',
      '0.0121',
      '--target',
      '2015-06-02T16:00:00+00:00=0.025',
    ]);
    expect(await cli.exited).toBe(0);
    expect(cli.output()).toMatch(/Scheduled asset \d+ \(.*, battery\) from 2015-06-02T10:00:00Z to 2015-06-02T16:00:00Z: 24 slots of PT15M, optimal \(glpk, \d+ ms\)/);
    expect(cli.output()).toMatch(/Stored 24 values as beliefs of FlexMeasures \(scheduling script\)/);
    expect(cli.output()).toMatch(/2015-06-02T15:45:00Z +\S+ +0\.025\n/);
    expect(await fixture.countBeliefs([asset])).toBe(24);
    const refused = startNodeProcess('apps/cli/dist/main.js', { ...env, LOGGING_LEVEL: 'warn', DATA_DIR: dataDir }, [
      'add', 'schedule', '--asset', String(asset), '--start', '2015-06-02T10:00:00Z', '--duration', 'PT1H', '--target', '2015-06-02T10:30:00Z=0.05', '--dry-run',
    ]);
    expect(await refused.exited).toBe(1);
    expect(refused.output()).toMatch(/The SOC target of 50 kWh at 2015-06-02T10:30:00Z cannot be met: .* needs 100 kW of charging for 30 min; the capacity is 10 kW/);
  });
});
