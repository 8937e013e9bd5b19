import { QueueName, QueueCounts } from '@flexmeasures/contracts';
import { synthetic } from '@flexmeasures/domain';
import type { JobQueue } from '@flexmeasures/jobs';
import { JOB_QUEUE } from '@flexmeasures/server-core';
import { DataFixture, expectError, TestUser } from '../../test/data-fixture';

jest.setTimeout(180_000);

/*
 * Forecasting in the embedded default (PGlite, the in-process job runner):
 * posting data queues coalesced forecasting jobs, the api runs them, and
 * getPrognosis and the accuracy endpoint answer from the stored forecasts.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const Q = 15 * MINUTE;
const T0 = Date.UTC(2016, 0, 1);
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

function counts(fixture: DataFixture): Promise<QueueCounts> {
  return fixture.auth.app.get<JobQueue>(JOB_QUEUE).counts(QueueName.Forecasting);
}

/** Waits until `settled` holds for the forecasting queue's counts in two polls 300 ms apart (the listeners run after the response). */
async function queueSettles(fixture: DataFixture, settled: (c: QueueCounts) => boolean, timeoutMs = 120_000): Promise<QueueCounts> {
  const deadline = Date.now() + timeoutMs;
  let previous: string | undefined;
  for (;;) {
    const now = await counts(fixture);
    if (settled(now) && JSON.stringify(now) === previous) return now;
    if (Date.now() > deadline) throw new Error(`the forecasting queue did not settle: ${JSON.stringify(now)}`);
    previous = settled(now) ? JSON.stringify(now) : undefined;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

const idle = (c: QueueCounts) => c.waiting + c.delayed + c.active === 0;

function postMeterData(fixture: DataFixture, owner: TestUser, asset: number, startMs: number, values: number[]) {
  return fixture.post(
    'v2_0',
    'postMeterData',
    { type: 'PostMeterDataRequest', connection: DataFixture.connection(owner.id, asset), values, start: iso(startMs), duration: `PT${values.length * 15}M`, horizon: 'PT0H', unit: 'MW' },
    { token: owner.token },
  );
}

describe('forecasting jobs queued when data lands (embedded)', () => {
  const fixture = new DataFixture();
  let owner: TestUser;

  beforeAll(async () => {
    // A long delay: the jobs stay pending, so what was queued can be counted.
    await fixture.start({ FLEXMEASURES_FORECASTING_ON_NEW_DATA: 'true', FLEXMEASURES_FORECASTING_DELAY: 'PT1H' });
    owner = await fixture.user('prosumer@example.com', ['Prosumer']);
  });
  afterAll(() => fixture.stop());

  it('makes one pending job per horizon of a burst of 20 posts for one sensor; another sensor gets its own', async () => {
    const asset = await fixture.asset({ owner: owner.id, type: 'building' });
    for (let hour = 0; hour < 20; hour++) {
      const response = await postMeterData(fixture, owner, asset, T0 + hour * HOUR, [0.1, 0.2, 0.3, 0.4]);
      expect(response.status).toBe(200);
    }
    expect(await queueSettles(fixture, (c) => c.delayed >= 4)).toEqual({ waiting: 0, active: 0, delayed: 4, completed: 0, failed: 0 });
    const other = await fixture.asset({ owner: owner.id, type: 'building' });
    expect((await postMeterData(fixture, owner, other, T0, [0.1])).status).toBe(200);
    expect(await queueSettles(fixture, (c) => c.delayed >= 8)).toMatchObject({ delayed: 8 });
  });

  it('queues jobs for prices and weather, none for prognoses', async () => {
    const before = (await counts(fixture)).delayed;
    const asset = await fixture.asset({ owner: owner.id, type: 'building' });
    const prognosis = await fixture.post(
      'v2_0',
      'postPrognosis',
      { type: 'PostPrognosisRequest', connection: DataFixture.connection(owner.id, asset), values: [1, 2], start: '2016-02-01T00:00:00Z', duration: 'PT30M', horizon: 'PT6H', unit: 'MW' },
      { token: owner.token },
    );
    expect(prognosis.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await counts(fixture)).delayed).toBe(before);
    const prices = await fixture.post(
      'v2_0',
      'postPriceData',
      { type: 'PostPriceDataRequest', market: 'ea1.2018-06.localhost:epex_da', values: [50, 60], start: '2016-02-01T00:00:00Z', duration: 'PT2H', horizon: 'PT0H', unit: 'EUR/MWh' },
      { token: owner.token },
    );
    expect(prices.status).toBe(200);
    await fixture.weatherSensor('temperature', 33.5, 126.5, '°C');
    const weather = await fixture.post(
      'v2_0',
      'postWeatherData',
      { type: 'PostWeatherDataRequest', sensor: 'ea1.2018-06.localhost:temperature:33.5:126.5', values: [3, 4], start: '2016-02-01T00:00:00Z', duration: 'PT30M', horizon: 'PT0H', unit: '°C' },
      { token: owner.token },
    );
    expect(weather.status).toBe(200);
    expect(await queueSettles(fixture, (c) => c.delayed >= before + 8)).toMatchObject({ delayed: before + 8 });
  });
});

describe('forecasting on new data switched off (embedded)', () => {
  const fixture = new DataFixture();
  beforeAll(() => fixture.start({ FLEXMEASURES_FORECASTING_ON_NEW_DATA: 'false' }));
  afterAll(() => fixture.stop());

  it('queues nothing', async () => {
    const owner = await fixture.user('prosumer@example.com', ['Prosumer']);
    const asset = await fixture.asset({ owner: owner.id, type: 'building' });
    expect((await postMeterData(fixture, owner, asset, T0, [0.1, 0.2])).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await counts(fixture)).toEqual({ waiting: 0, active: 0, delayed: 0, completed: 0, failed: 0 });
  });
});

describe('forecasts from posted data, getPrognosis and forecast accuracy (embedded)', () => {
  const fixture = new DataFixture();
  let owner: TestUser;
  let other: TestUser;
  let mdc: TestUser;
  let asset: number;
  const data = synthetic.generateYear({ seed: 5, startMs: T0, days: 22, lat: 33.5, lng: 126.5 });
  /** The building's load in MW, per quarter-hour from T0. */
  const load = data.building.values.map((kw) => Math.round((kw as number) * 10) / 10_000);
  /** The end of the posted history: three weeks. */
  const E = T0 + 21 * DAY;

  /** The forecaster's medians of the asset with one horizon, by event start. */
  async function forecastsWith(horizonMs: number, probability = 0.5): Promise<Map<number, number>> {
    const rows: { event: number; value: number }[] = await fixture.db.query(
      `SELECT (extract(epoch FROM b.event_start) * 1000)::float8 AS event, b.event_value AS value
         FROM timed_belief b JOIN data_source s ON s.id = b.source_id
        WHERE b.sensor_id = $1 AND s.name = 'forecaster' AND b.cumulative_probability = $3
          AND b.belief_time = b.event_start + $2 * interval '1 millisecond'`,
      [asset, Q - horizonMs, probability],
    );
    return new Map(rows.map((r) => [Number(r.event), Number(r.value)]));
  }

  const getPrognosis = (message: Record<string, string>) =>
    fixture.get('v2_0', 'getPrognosis', { type: 'GetPrognosisRequest', connection: DataFixture.connection(owner.id, asset), resolution: 'PT15M', unit: 'MW', ...message }, { token: owner.token });
  const accuracy = (user: TestUser, sensor: number, query: string) =>
    fixture.auth.http().get(`/api/v2_0/sensors/${sensor}/forecast-accuracy?${query}`).set('Authorization', user.token);

  beforeAll(async () => {
    await fixture.start({ FLEXMEASURES_FORECASTING_ON_NEW_DATA: 'true', FLEXMEASURES_FORECASTING_DELAY: 'PT0S' });
    owner = await fixture.user('prosumer@example.com', ['Prosumer']);
    other = await fixture.user('neighbour@example.com', ['Prosumer']);
    mdc = await fixture.user('mdc@example.com', ['MDC']);
    asset = await fixture.asset({ owner: owner.id, type: 'building' });
    expect((await postMeterData(fixture, owner, asset, T0, load.slice(0, 21 * 96))).status).toBe(200);
    expect(await queueSettles(fixture, (c) => idle(c) && c.completed >= 4)).toMatchObject({ completed: 4, failed: 0 });
  });
  afterAll(() => fixture.stop());

  it('forecasts the next hour, 6 hours, day and two days after the posted data, each horizon as the forecaster', async () => {
    for (const [hours, events] of [[1, 4], [6, 24], [24, 96], [48, 192]]) {
      const forecasts = await forecastsWith(hours * HOUR);
      expect([...forecasts.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: events }, (_, i) => E + i * Q));
    }
  });

  it('getPrognosis with a horizon answers with the forecasts made that long ahead', async () => {
    const answer = await getPrognosis({ start: iso(E), duration: 'PT6H', horizon: 'PT6H' });
    expect(answer.status).toBe(200);
    const sixHours = await forecastsWith(6 * HOUR);
    expect(answer.body.values).toEqual(Array.from({ length: 24 }, (_, i) => sixHours.get(E + i * Q)));
    // Further ahead than any forecast: nothing.
    const tooFar = await getPrognosis({ start: iso(E), duration: 'PT6H', horizon: 'PT72H' });
    expect(tooFar.body.values.every((v: number | null) => v === null)).toBe(true);
  });

  it('getPrognosis with cumulative_probability answers with the bounds of the prediction interval', async () => {
    const median = (await getPrognosis({ start: iso(E), duration: 'PT6H', horizon: 'PT6H' })).body.values as number[];
    const low = await getPrognosis({ start: iso(E), duration: 'PT6H', horizon: 'PT6H', cumulative_probability: '0.1' });
    const high = await getPrognosis({ start: iso(E), duration: 'PT6H', horizon: 'PT6H', cumulative_probability: '0.9' });
    expect([low.status, high.status]).toEqual([200, 200]);
    const [stored10, stored90] = [await forecastsWith(6 * HOUR, 0.1), await forecastsWith(6 * HOUR, 0.9)];
    expect(low.body.values).toEqual(Array.from({ length: 24 }, (_, i) => stored10.get(E + i * Q)));
    expect(high.body.values).toEqual(Array.from({ length: 24 }, (_, i) => stored90.get(E + i * Q)));
    median.forEach((m, i) => {
      expect(low.body.values[i]).toBeLessThanOrEqual(m);
      expect(high.body.values[i]).toBeGreaterThanOrEqual(m);
    });
    expect(high.body.values.some((v: number, i: number) => v > median[i])).toBe(true);
    const wrong = await getPrognosis({ start: iso(E), duration: 'PT6H', cumulative_probability: '1.5' });
    expect(wrong.status).toBe(422);
  });

  it('getPrognosis with prior travels back in time: what was predicted then', async () => {
    // Events 6–12 hours after the data: forecast a day and two days ahead.
    const start = E + 6 * HOUR;
    const latest = await getPrognosis({ start: iso(start), duration: 'PT6H' });
    const day = await forecastsWith(24 * HOUR);
    const twoDays = await forecastsWith(48 * HOUR);
    expect(latest.body.values).toEqual(Array.from({ length: 24 }, (_, i) => day.get(start + i * Q)));
    // 18 hours before the data ended, only the 48-hour forecasts of these events had been made.
    const then = await getPrognosis({ start: iso(start), duration: 'PT6H', prior: iso(E - 18 * HOUR) });
    expect(then.body.values).toEqual(Array.from({ length: 24 }, (_, i) => twoDays.get(start + i * Q)));
    expect(then.body.values).not.toEqual(latest.body.values);
    const before = await getPrognosis({ start: iso(start), duration: 'PT6H', prior: iso(E - 48 * HOUR) });
    expect(before.body.values.every((v: number | null) => v === null)).toBe(true);
  });

  it('scores the forecasts against the meter data once it arrives: MAE, WAPE and accuracy per horizon', async () => {
    const actual = load.slice(21 * 96, 21 * 96 + 24);
    expect((await postMeterData(fixture, owner, asset, E, actual)).status).toBe(200);
    await queueSettles(fixture, idle);
    const response = await accuracy(owner, asset, `start=${iso(E)}&end=${iso(E + 6 * HOUR)}`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ sensor_id: asset, start: iso(E), end: iso(E + 6 * HOUR) });
    expect(response.body.accuracy.map((a: { horizon: string; pairs: number; unit: string }) => [a.horizon, a.pairs, a.unit])).toEqual([
      ['PT1H', 4, 'MW'],
      ['PT6H', 24, 'MW'],
      ['PT24H', 24, 'MW'],
      ['PT48H', 24, 'MW'],
    ]);
    const sixHours = await forecastsWith(6 * HOUR);
    const errors = actual.map((a, i) => Math.abs((sixHours.get(E + i * Q) as number) - a));
    const mae = errors.reduce((s, e) => s + e, 0) / 24;
    const wape = errors.reduce((s, e) => s + e, 0) / actual.reduce((s, a) => s + Math.abs(a), 0);
    const six = response.body.accuracy[1];
    expect(six.mae).toBeCloseTo(mae, 12);
    expect(six.wape).toBeCloseTo(wape, 12);
    expect(six.accuracy).toBeCloseTo(1 - wape, 12);
    const one = await accuracy(owner, asset, `start=${iso(E)}&end=${iso(E + 6 * HOUR)}&horizon=PT6H`);
    expect(one.body.accuracy).toEqual([six]);
  });

  it('lets only the owner and admins see an asset’s accuracy; markets and weather sensors are for every user', async () => {
    const query = `start=${iso(E)}&end=${iso(E + HOUR)}`;
    expectError(await accuracy(other, asset, query), 403, 'INVALID_SENDER');
    expectError(await accuracy(mdc, asset, query), 403, 'INVALID_SENDER');
    const market = await fixture.marketId('epex_da');
    const prices = await accuracy(mdc, market, query);
    expect(prices.status).toBe(200);
    expect(prices.body.accuracy[0]).toMatchObject({ horizon: 'PT1H', pairs: 0, mae: null, unit: 'EUR/MWh', reason: expect.stringMatching(/no event has both/) });
    const weather = await fixture.weatherSensor('radiation', 33.5, 126.5, 'kW/m²');
    expect((await accuracy(other, weather, query)).status).toBe(200);
    expect((await fixture.auth.http().get(`/api/v2_0/sensors/${market}/forecast-accuracy?${query}`)).status).toBe(401);
  });

  it('answers a bad request with a status and a message', async () => {
    const window = `start=${iso(E)}&end=${iso(E + HOUR)}`;
    expectError(await accuracy(owner, 999_999, window), 404, 'NOT_FOUND');
    expectError(await accuracy(owner, asset, `end=${iso(E)}`), 400, 'INVALID_PERIOD');
    expectError(await accuracy(owner, asset, `start=${iso(E)}&end=${iso(E - HOUR)}`), 400, 'INVALID_PERIOD');
    expectError(await accuracy(owner, asset, `start=2016-01-22T00:00:00&end=${iso(E + HOUR)}`), 400, 'INVALID_TIMEZONE');
    expectError(await accuracy(owner, asset, `${window}&horizon=soon`), 400, 'INVALID_HORIZON');
    expectError(await accuracy(owner, asset, `${window}&horizon=-PT1H`), 400, 'INVALID_HORIZON');
    expectError(await accuracy(owner, asset, `start=2015-01-01T00:00:00Z&end=2017-01-01T00:00:00Z`), 400, 'INVALID_PERIOD');
    const notANumber = await fixture.auth.http().get(`/api/v2_0/sensors/abc/forecast-accuracy?${window}`).set('Authorization', owner.token);
    expectError(notANumber, 400, 'INVALID_REQUEST');
  });
});
