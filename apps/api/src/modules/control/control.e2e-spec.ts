import { ScheduleJobHandler, SCHEDULER_SOURCE, solverSettings, StorageScheduler } from '@flexmeasures/beliefs';
import { JobName, QueueName, ScheduleJobData } from '@flexmeasures/contracts';
import { InProcessJobQueue } from '@flexmeasures/jobs';
import { JOB_QUEUE, SOLVER_POOL } from '@flexmeasures/server-core';
import type { SolverPool } from '@flexmeasures/solvers';
import type { Response } from 'supertest';
import { DataFixture, expectError, HOSTS, PREFIX, TestUser } from '../../test/data-fixture';

jest.setTimeout(60_000);

/*
 * The seed's device control flow (§15.6–15.7 and the postUdiEvent and
 * getDeviceMessage pages of v2_0, v1_3 and v1_2) on the embedded default,
 * where the api runs the scheduling jobs itself: prices are posted, a UDI
 * event queues a job, getDeviceMessage answers UNKNOWN_SCHEDULE while the job
 * waits, then the schedule. The seed's addresses name owner 7 and asset 10;
 * here they name a real owner and battery.
 */

const COMPANY = PREFIX.company;
const START = '2015-06-02T10:00:00+00:00';
/** 49 hourly prices from 10:00 (the 2-day horizon and an hour more), with a cheap night and a few negative hours. */
const PRICES = Array.from({ length: 49 }, (_, h) => Math.round(50 + 30 * Math.sin(((h + 4) / 24) * 2 * Math.PI) - (h % 13 === 5 ? 70 : 0)));

/** The seed's examples (§16 v2_0 postUdiEvent A and B, line ~2999), for an owner and asset of this database. */
function exampleA(owner: number, asset: number, event = 203) {
  return { type: 'PostUdiEventRequest', event: `${COMPANY}:${owner}:${asset}:${event}:soc`, value: 12.1, unit: 'kWh', datetime: START };
}
function exampleB(owner: number, asset: number, event = 204) {
  return {
    type: 'PostUdiEventRequest',
    event: `${COMPANY}:${owner}:${asset}:${event}:soc-with-targets`,
    value: 12.1,
    unit: 'kWh',
    datetime: START,
    targets: [{ value: 25, datetime: '2015-06-02T16:00:00+00:00' }],
  };
}

describe('device control on the embedded default (in-process jobs)', () => {
  const fixture = new DataFixture();
  let owner: TestUser;
  let other: TestUser;
  let queue: InProcessJobQueue;

  const postUdiEvent = (version: string, body: object, user: TestUser = owner): Promise<Response> =>
    fixture.auth.http().post(`/api/${version}/postUdiEvent`).set('Authorization', user.token).set('Host', HOSTS.company).send(body);
  const getDeviceMessage = (version: string, message: Record<string, string>, user: TestUser = owner): Promise<Response> =>
    fixture.auth.http().get(`/api/${version}/getDeviceMessage?${new URLSearchParams(message)}`).set('Authorization', user.token).set('Host', HOSTS.company);

  /** A battery of 10 kW with SOC limits 0–50 kWh, 15-minute resolution, on epex_da. */
  async function battery(type = 'battery'): Promise<number> {
    const id = await fixture.asset({ owner: owner.id, type, resolutionMinutes: 15 });
    await fixture.db.query('UPDATE asset SET capacity_in_mw = 0.01, min_soc_in_mwh = 0, max_soc_in_mwh = 0.05 WHERE id = $1', [id]);
    return id;
  }

  const jobOf = async (asset: number, event: number): Promise<string> => {
    const [row] = await fixture.db.query('SELECT job_id FROM udi_event_job WHERE asset_id = $1 AND event_id = $2', [asset, event]);
    return String(row.job_id);
  };

  /** SOC after each slot, recomputed from the powers (efficiency 1, 15-minute slots). */
  const socTrajectory = (startMwh: number, powersMw: readonly number[]): number[] => {
    let soc = startMwh;
    return powersMw.map((power) => (soc += power * 0.25));
  };

  beforeAll(async () => {
    await fixture.start();
    owner = await fixture.user('prosumer@example.com', ['Prosumer']);
    other = await fixture.user('other@example.com', ['Prosumer']);
    queue = fixture.auth.app.get<InProcessJobQueue>(JOB_QUEUE);
    const prices = await fixture.auth
      .http()
      .post('/api/v2_0/postPriceData')
      .set('Authorization', owner.token)
      .set('Host', HOSTS.company)
      .send({ type: 'PostPriceDataRequest', market: `${COMPANY}:epex_da`, values: PRICES, start: START, duration: 'PT49H', unit: 'EUR/MWh' });
    expect(prices.status).toBe(200);
  });
  afterAll(() => fixture.stop());

  afterEach(() => queue.resume());

  it('runs the seed flow: postUdiEvent (A on v1_3, B on v2_0), UNKNOWN_SCHEDULE while the job waits, then the schedule', async () => {
    const asset = await battery();
    queue.pause();
    const postedA = await postUdiEvent('v1_3', exampleA(owner.id, asset));
    expect(postedA.status).toBe(200);
    expect(postedA.body).toEqual({ type: 'PostUdiEventResponse', status: 'PROCESSED', message: 'Request has been processed.' });
    const [stored] = await fixture.db.query('SELECT soc_in_mwh, soc_datetime, soc_udi_event_id FROM asset WHERE id = $1', [asset]);
    expect({ soc: Number(stored.soc_in_mwh), at: new Date(stored.soc_datetime).toISOString(), event: stored.soc_udi_event_id }).toEqual({
      soc: 0.0121,
      at: '2015-06-02T10:00:00.000Z',
      event: 203,
    });

    // §15.7: the request as printed (with the event type), sent as a JSON body.
    const request = { type: 'GetDeviceMessageRequest', event: `${COMPANY}:${owner.id}:${asset}:203:soc` };
    const waiting = await fixture.auth.http().get('/api/v1_3/getDeviceMessage').set('Authorization', owner.token).set('Host', HOSTS.company).send(request);
    expectError(waiting, 400, 'UNKNOWN_SCHEDULE');
    expect(waiting.body.message).toMatch(/is waiting in the queue/);
    const jobA = await jobOf(asset, 203);
    expect(await queue.getJob(QueueName.Scheduling, jobA)).toMatchObject({ name: JobName.Schedule, status: 'waiting', attemptsMade: 0 });

    queue.resume();
    const done = await queue.waitForJob(QueueName.Scheduling, jobA, 30_000);
    expect(done).toMatchObject({ status: 'completed', attemptsMade: 1, result: { assetId: asset, slots: 192, stored: 192 } });
    const answer = await getDeviceMessage('v1_3', request);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ type: 'GetDeviceMessageResponse', event: request.event, start: '2015-06-02T10:00:00Z', duration: 'PT6H', unit: 'MW' });
    expect(answer.body.values).toHaveLength(24);
    // Without targets the battery ends as empty as prices make worth it, and never beyond its capacity or limits.
    expect(answer.body.values.every((v: number) => Math.abs(v) <= 0.01 + 1e-9)).toBe(true);
    socTrajectory(0.0121, answer.body.values).forEach((soc) => expect(soc).toBeGreaterThanOrEqual(-1e-9));

    // Example B: a target of 25 kWh at 16:00, posted on v2_0; a request for the whole 2-day horizon.
    const postedB = await postUdiEvent('v2_0', exampleB(owner.id, asset));
    expect(postedB.status).toBe(200);
    await queue.waitForJob(QueueName.Scheduling, await jobOf(asset, 204), 30_000);
    const full = await getDeviceMessage('v2_0', { type: 'GetDeviceMessageRequest', event: `${COMPANY}:${owner.id}:${asset}:204`, duration: 'PT48H' });
    expect(full.status).toBe(200);
    expect(full.body).toMatchObject({ event: `${COMPANY}:${owner.id}:${asset}:204`, start: '2015-06-02T10:00:00Z', duration: 'PT48H', unit: 'MW' });
    expect(full.body.values).toHaveLength(192);
    expect(full.body.values.every((v: number) => Math.abs(v) <= 0.01 + 1e-9)).toBe(true);
    const soc = socTrajectory(0.0121, full.body.values);
    expect(soc[23]).toBeCloseTo(0.025, 9); // 16:00 is the end of slot 23
    expect(soc.every((s) => s >= -1e-9 && s <= 0.05 + 1e-9)).toBe(true);
    // Longer than the horizon: cut at the horizon; in kW on v2_0.
    const inKw = await getDeviceMessage('v2_0', { type: 'GetDeviceMessageRequest', event: `${COMPANY}:${owner.id}:${asset}:204:soc-with-targets`, duration: 'P7D', unit: 'kW' });
    expect(inKw.body).toMatchObject({ duration: 'P2D', unit: 'kW' });
    expect(inKw.body.values[0]).toBeCloseTo(full.body.values[0] * 1000, 9);
    // The schedule is stored as beliefs of the scheduler.
    const [{ n }] = await fixture.db.query(
      `SELECT count(*)::int AS n FROM timed_belief b JOIN data_source s ON s.id = b.source_id WHERE b.sensor_id = $1 AND s.type = $2`,
      [asset, SCHEDULER_SOURCE.type],
    );
    expect(n).toBe(2 * 192);
  });

  it('answers every status the seed lists for postUdiEvent', async () => {
    const asset = await battery();
    const post = (body: object) => postUdiEvent('v2_0', body);
    expect((await post(exampleA(owner.id, asset, 10))).status).toBe(200);
    const cases: Array<[string, object, number, string, RegExp?]> = [
      ['an event id not newer than the last', exampleA(owner.id, asset, 10), 400, 'OUTDATED_UDI_EVENT', /already received UDI event 10/],
      ['an older datetime', { ...exampleA(owner.id, asset, 11), datetime: '2015-06-01T10:00:00Z' }, 400, 'INVALID_DATETIME', /earlier than that of the asset's latest/],
      ['a naive datetime', { ...exampleA(owner.id, asset, 11), datetime: '2015-06-02T10:00:00' }, 400, 'INVALID_TIMEZONE'],
      ['a foreign domain', { ...exampleA(owner.id, asset, 11), event: `ea1.2018-06.com.example:${owner.id}:${asset}:11:soc` }, 400, 'INVALID_DOMAIN'],
      ['an unknown event type', { ...exampleA(owner.id, asset, 11), event: `${COMPANY}:${owner.id}:${asset}:11:temperature` }, 400, 'UNRECOGNIZED_UDI_EVENT'],
      ['a power unit', { ...exampleA(owner.id, asset, 11), unit: 'MW' }, 400, 'INVALID_UNIT'],
      ['no value', { ...exampleA(owner.id, asset, 11), value: undefined }, 400, 'PTUS_INCOMPLETE'],
      ['another message type', { ...exampleA(owner.id, asset, 11), type: 'PostMeterDataRequest' }, 400, 'INVALID_MESSAGE_TYPE'],
      ['soc-with-targets without targets', { ...exampleB(owner.id, asset, 11), targets: undefined }, 400, 'INCOMPLETE_UDI_EVENT'],
      ['a target beyond the planning horizon', { ...exampleB(owner.id, asset, 11), targets: [{ value: 25, datetime: '2015-06-05T10:00:00Z' }] }, 422, 'UNPROCESSABLE_ENTITY', /beyond the planning horizon/],
      ['a target above the SOC limits', { ...exampleB(owner.id, asset, 11), targets: [{ value: 60, datetime: '2015-06-02T16:00:00Z' }] }, 422, 'UNPROCESSABLE_ENTITY', /outside the asset's SOC limits/],
      ['a state of charge above the limits', { ...exampleA(owner.id, asset, 11), value: 51 }, 422, 'UNPROCESSABLE_ENTITY', /outside the SOC limits/],
      ['someone else\'s owner id in the address', exampleA(other.id, asset, 11), 400, 'UNRECOGNIZED_ASSET'],
      ['an event id beyond the integer range', exampleA(owner.id, asset, 2 ** 31), 400, 'UNRECOGNIZED_UDI_EVENT'],
      ['a datetime too far in the future', { ...exampleA(owner.id, asset, 11), datetime: '9999-12-31T12:00:00Z' }, 400, 'INVALID_DATETIME'],
    ];
    for (const [what, body, http, status, message] of cases) {
      const response = await post(body);
      expect({ what, http: response.status, status: response.body.status }).toEqual({ what, http, status });
      if (message) expect(response.body.message).toMatch(message);
    }
    const unprocessable = await post({ ...exampleB(owner.id, asset, 11), targets: [{ value: 60, datetime: '2015-06-05T10:00:00Z' }] });
    expect(Object.keys(unprocessable.body.errors)).toEqual(['targets[0]']);
    // Nothing of the refused events was stored.
    const [row] = await fixture.db.query('SELECT soc_udi_event_id FROM asset WHERE id = $1', [asset]);
    expect(row.soc_udi_event_id).toBe(10);
    // As printed on the v1_2 page (line ~4513), the event has the "eal." typo: not an entity address.
    const typo = await postUdiEvent('v1_2', { ...exampleA(owner.id, asset, 12), event: `eal.2018-06.io.flexmeasures.company:${owner.id}:${asset}:12:soc` });
    expectError(typo, 400, 'INVALID_DOMAIN');
    // Other methods: INVALID_METHOD.
    const put = await fixture.auth.http().put('/api/v2_0/postUdiEvent').set('Authorization', owner.token).send({});
    expectError(put, 405, 'INVALID_METHOD');
  });

  it('refuses assets that are not storage, and other prosumers\' assets, on both endpoints', async () => {
    const asset = await battery();
    const solar = await fixture.asset({ owner: owner.id, type: 'solar' });
    const notStorage = await postUdiEvent('v2_0', exampleA(owner.id, solar));
    expectError(notStorage, 400, 'UNRECOGNIZED_ASSET');
    expect(notStorage.body.message).toMatch(/is a solar, not a storage device: UDI events and device messages are for the types battery, one-way_evse, two-way_evse/);
    expect((await postUdiEvent('v2_0', exampleA(owner.id, asset))).status).toBe(200);
    const foreignPost = await postUdiEvent('v2_0', exampleA(owner.id, asset, 300), other);
    expectError(foreignPost, 400, 'UNRECOGNIZED_ASSET');
    const foreignGet = await getDeviceMessage('v2_0', { type: 'GetDeviceMessageRequest', event: `${COMPANY}:${owner.id}:${asset}:203` }, other);
    expectError(foreignGet, 400, 'UNRECOGNIZED_ASSET');
    expect(foreignGet.body.message).not.toMatch(/soc|schedule/i);
  });

  it('answers getDeviceMessage for unknown, expired and mistyped events with UNRECOGNIZED_UDI_EVENT', async () => {
    const asset = await battery();
    expect((await postUdiEvent('v2_0', exampleA(owner.id, asset, 5))).status).toBe(200);
    await queue.waitForJob(QueueName.Scheduling, await jobOf(asset, 5), 30_000);
    const get = (event: string) => getDeviceMessage('v2_0', { type: 'GetDeviceMessageRequest', event: `${COMPANY}:${owner.id}:${asset}:${event}` });
    expect((await get('5')).status).toBe(200);
    expectError(await get('6'), 400, 'UNRECOGNIZED_UDI_EVENT');
    expectError(await get('5:soc-with-targets'), 400, 'UNRECOGNIZED_UDI_EVENT');
    expectError(await get('5:temperature'), 400, 'UNRECOGNIZED_UDI_EVENT');
    // FLEXMEASURES_PLANNING_TTL (7 days by default): an older event is forgotten.
    await fixture.db.query(`UPDATE udi_event_job SET created_at = now() - interval '7 days 1 minute' WHERE asset_id = $1`, [asset]);
    const expired = await get('5');
    expectError(expired, 400, 'UNRECOGNIZED_UDI_EVENT');
    expect(expired.body.message).toMatch(/has expired \(UDI events are kept for P7D\)/);
    expectError(await getDeviceMessage('v2_0', { type: 'GetDeviceMessageRequest', event: `${COMPANY}:${owner.id}:${asset}:5`, unit: 'MWh' }), 400, 'INVALID_UNIT');
    expectError(await getDeviceMessage('v1_3', { type: 'GetDeviceMessageRequest', event: `${COMPANY}:${owner.id}:${asset}:5`, unit: 'kW' }), 400, 'INVALID_UNIT');
  });

  it('reports a failed job with its reason: UNKNOWN_PRICES, or the target that cannot be met (422)', async () => {
    const asset = await battery();
    // No prices in 2016.
    expect((await postUdiEvent('v2_0', { ...exampleA(owner.id, asset, 1), datetime: '2016-06-02T10:00:00Z' })).status).toBe(200);
    const failed = await queue.waitForJob(QueueName.Scheduling, await jobOf(asset, 1), 30_000);
    expect(failed).toMatchObject({ status: 'failed', attemptsMade: 1 });
    const noPrices = await getDeviceMessage('v2_0', { type: 'GetDeviceMessageRequest', event: `${COMPANY}:${owner.id}:${asset}:1` });
    expectError(noPrices, 400, 'UNKNOWN_PRICES');
    expect(noPrices.body.message).toMatch(/Prices unknown for the planning window 2016-06-02T10:00:00Z to 2016-06-04T10:00:00Z .*market epex_da has no prices/);

    // 25 kWh → 50 kWh within the hour needs 25 kW; the capacity is 10 kW.
    const tooFast = { ...exampleB(owner.id, asset, 2), value: 25, datetime: '2016-06-03T10:00:00Z', targets: [{ value: 50, datetime: '2016-06-03T11:00:00Z' }] };
    const prices = await fixture.auth
      .http()
      .post('/api/v2_0/postPriceData')
      .set('Authorization', owner.token)
      .set('Host', HOSTS.company)
      .send({ type: 'PostPriceDataRequest', market: `${COMPANY}:epex_da`, values: PRICES.slice(0, 48), start: '2016-06-03T10:00:00Z', duration: 'PT48H', unit: 'EUR/MWh' });
    expect(prices.status).toBe(200);
    expect((await postUdiEvent('v2_0', tooFast)).status).toBe(200);
    expect(await queue.waitForJob(QueueName.Scheduling, await jobOf(asset, 2), 30_000)).toMatchObject({ status: 'failed', attemptsMade: 1 });
    const infeasible = await getDeviceMessage('v2_0', { type: 'GetDeviceMessageRequest', event: `${COMPANY}:${owner.id}:${asset}:2` });
    expectError(infeasible, 422, 'UNPROCESSABLE_ENTITY');
    expect(infeasible.body.message).toMatch(/The SOC target of 50 kWh at 2016-06-03T11:00:00Z cannot be met: from the starting SOC of 25 kWh .* needs 25 kW of charging for 1 h; the capacity is 10 kW/);
  });

  it('v1_2: postUdiEvent queues nothing, getDeviceMessage computes the schedule on demand from the latest event', async () => {
    const asset = await battery('two-way_evse');
    const before = await queue.counts(QueueName.Scheduling);
    // The v1_2 example (line ~4513) with the "eal." typo corrected.
    expect((await postUdiEvent('v1_2', exampleA(owner.id, asset, 203))).status).toBe(200);
    expect(await queue.counts(QueueName.Scheduling)).toEqual(before);
    expect(await fixture.db.query('SELECT 1 FROM udi_event_job WHERE asset_id = $1', [asset])).toEqual([]);
    expectError(await postUdiEvent('v1_2', exampleB(owner.id, asset, 204)), 400, 'UNRECOGNIZED_UDI_EVENT');

    const answer = await getDeviceMessage('v1_2', { type: 'GetDeviceMessageRequest', event: `${COMPANY}:${owner.id}:${asset}:203:soc`, duration: 'PT45M' });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ type: 'GetDeviceMessageResponse', start: '2015-06-02T10:00:00Z', duration: 'PT45M', unit: 'MW' });
    expect(answer.body.values).toHaveLength(3);
    expect(answer.body.values.every((v: number) => Math.abs(v) <= 0.01 + 1e-9)).toBe(true);
    expectError(await getDeviceMessage('v1_2', { type: 'GetDeviceMessageRequest', event: `${COMPANY}:${owner.id}:${asset}:202` }), 400, 'UNRECOGNIZED_UDI_EVENT');
    // Without prices: UNKNOWN_PRICES (change log §21.12).
    expect((await postUdiEvent('v1_2', { ...exampleA(owner.id, asset, 205), datetime: '2017-01-01T00:00:00Z' })).status).toBe(200);
    expectError(await getDeviceMessage('v1_2', { type: 'GetDeviceMessageRequest', event: `${COMPANY}:${owner.id}:${asset}:205` }), 400, 'UNKNOWN_PRICES');
  });

  it('stores one schedule when the same job runs twice (idempotent handler)', async () => {
    const asset = await battery();
    const app = fixture.auth.app;
    const handler = new ScheduleJobHandler(fixture.db, new StorageScheduler(fixture.db, app.get<SolverPool>(SOLVER_POOL), solverSettings(fixture.auth.config)));
    const data: ScheduleJobData = handler.parse({
      assetId: asset,
      start: '2015-06-02T10:00:00.000Z',
      end: '2015-06-03T10:00:00.000Z',
      resolutionMinutes: 15,
      socAtStartMwh: 0.01,
      targets: [{ datetime: '2015-06-02T16:00:00.000Z', socMwh: 0.03 }],
      beliefTime: new Date().toISOString(),
    });
    const first = await handler.handle(data, { jobId: 'twice', queue: QueueName.Scheduling, attempt: 1 });
    const second = await handler.handle(data, { jobId: 'twice', queue: QueueName.Scheduling, attempt: 2 });
    expect(first).toMatchObject({ slots: 96, stored: 96 });
    expect(second).toMatchObject({ slots: 96, stored: 0, costs: first.costs });
    expect(await fixture.countBeliefs([asset])).toBe(96);
  });
});
