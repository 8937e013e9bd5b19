import type { Response } from 'supertest';
import { DataFixture, expectError, GetService, PostService, PREFIX, TestUser, Version } from '../../test/data-fixture';

jest.setTimeout(60_000);

/*
 * Belief semantics (PRODUCT.md "Belief semantics", seed §14.4.5–14.4.9 and
 * the change log §21) through the HTTP API: belief times of posted values,
 * resolutions, the horizon / prior / source filters of GET, signs, units,
 * idempotency and history, error statuses, and what sets v1.x apart.
 * Belief times are read back from the timed_belief table.
 */

const LOCAL = PREFIX.localhost;
const MAX_CONTENT_LENGTH = '64kb';

describe('belief semantics through the HTTP API', () => {
  const fx = new DataFixture();
  let owner: TestUser;
  let other: TestUser;
  let admin: TestUser;
  let temperature: number;
  let epex: number;

  beforeAll(async () => {
    await fx.start({ MAX_CONTENT_LENGTH });
    owner = await fx.user('prosumer@example.com', ['Prosumer']);
    other = await fx.user('neighbour@example.com', ['Prosumer']);
    // Only admins may post to someone else's asset: the second source is an admin who is also a meter data company.
    admin = await fx.user('mdc-admin@example.com', ['admin', 'MDC']);
    temperature = await fx.weatherSensor('temperature', 52, 5, '°C');
    epex = await fx.marketId('epex_da');
  });
  afterAll(() => fx.stop());

  /** A fresh asset of the owner (consumer unless said otherwise), and its address. */
  async function newAsset(type = 'charging_station', extra: { resolutionMinutes?: number; unit?: string } = {}): Promise<{ id: number; address: string }> {
    const id = await fx.asset({ owner: owner.id, type, ...extra });
    return { id, address: DataFixture.connection(owner.id, id) };
  }

  const post = (version: Version, service: PostService, body: object, user: TestUser = owner) => fx.post(version, service, body, { token: user.token });
  const get = (version: Version, service: GetService, message: Record<string, unknown>, user: TestUser = owner) => fx.get(version, service, message, { token: user.token });
  const beliefTimes = async (sensor: number) => (await fx.beliefs(sensor)).map((row) => row.beliefTime);
  const values = async (sensor: number) => (await fx.beliefs(sensor)).map((row) => row.value);
  const ok = (response: Response, status = 'PROCESSED') => expect({ http: response.status, body: response.body }).toMatchObject({ http: 200, body: { status } });

  const WINDOW = { values: [10, 5, 8], start: '2016-05-01T13:00:00Z', duration: 'PT45M', unit: 'MW' };

  describe('belief times of posted values (v2_0)', () => {
    it.each([
      ['horizon PT6H: each value 6 hours before its own end', 'postPrognosis', { horizon: 'PT6H' }, ['2016-05-01T07:15:00Z', '2016-05-01T07:30:00Z', '2016-05-01T07:45:00Z']],
      ['horizon -PT10M: each value 10 minutes after its own end', 'postMeterData', { horizon: '-PT10M' }, ['2016-05-01T13:25:00Z', '2016-05-01T13:40:00Z', '2016-05-01T13:55:00Z']],
      ['prior: every value at the prior', 'postPrognosis', { prior: '2016-05-01T07:45:00Z' }, ['2016-05-01T07:45:00Z', '2016-05-01T07:45:00Z', '2016-05-01T07:45:00Z']],
      ['horizon and prior: the earlier of the two per event', 'postPrognosis', { horizon: 'PT6H', prior: '2016-05-01T07:30:00+00:00' }, ['2016-05-01T07:15:00Z', '2016-05-01T07:30:00Z', '2016-05-01T07:30:00Z']],
      ['prior with an offset', 'postPrognosis', { prior: '2016-05-01T09:45:00+02:00' }, ['2016-05-01T07:45:00Z', '2016-05-01T07:45:00Z', '2016-05-01T07:45:00Z']],
    ] as const)('%s', async (_name, service, timing, expected) => {
      const asset = await newAsset();
      ok(await post('v2_0', service, { type: service === 'postMeterData' ? 'PostMeterDataRequest' : 'PostPrognosisRequest', connection: asset.address, ...WINDOW, ...timing }));
      expect(await beliefTimes(asset.id)).toEqual(expected);
      expect(await values(asset.id)).toEqual([10, 5, 8]);
    });

    it('neither horizon nor prior: the time the message arrived', async () => {
      const asset = await newAsset();
      const before = Date.now();
      ok(await post('v2_0', 'postPrognosis', { type: 'PostPrognosisRequest', connection: asset.address, ...WINDOW }));
      const after = Date.now();
      const times = (await beliefTimes(asset.id)).map(Date.parse);
      expect(times).toHaveLength(3);
      for (const time of times) {
        expect(time).toBeGreaterThanOrEqual(before);
        expect(time).toBeLessThanOrEqual(after);
      }
      expect(new Set(times).size).toBe(1);
    });
  });

  describe('resolutions', () => {
    it('upsamples 30-minute values onto a 15-minute asset: two equal slots per value, each with the belief time of its value', async () => {
      const asset = await newAsset();
      ok(await post('v2_0', 'postMeterData', { type: 'PostMeterDataRequest', connection: asset.address, values: [1, 2], start: '2020-01-01T00:00:00Z', duration: 'PT1H', horizon: '-PT5M', unit: 'MW' }));
      const rows = await fx.beliefs(asset.id);
      expect(rows.map((row) => [row.eventStart, row.beliefTime, row.value])).toEqual([
        ['2020-01-01T00:00:00Z', '2020-01-01T00:35:00Z', 1],
        ['2020-01-01T00:15:00Z', '2020-01-01T00:35:00Z', 1],
        ['2020-01-01T00:30:00Z', '2020-01-01T01:05:00Z', 2],
        ['2020-01-01T00:45:00Z', '2020-01-01T01:05:00Z', 2],
      ]);
      const response = await get('v2_0', 'getMeterData', { type: 'GetMeterDataRequest', connection: asset.address, start: '2020-01-01T00:00:00Z', duration: 'PT1H', unit: 'MW' });
      expect(response.body).toMatchObject({ resolution: 'PT15M', values: [1, 1, 2, 2] });
    });

    it.each([
      ['finer than the sensor (5-minute values for a 15-minute asset)', [1, 2, 3], 'PT15M'],
      ['not a multiple of the sensor resolution (20-minute values)', [1, 2, 3], 'PT1H'],
    ])('refuses values %s: 400 REQUIRED_INFO_MISSING, nothing stored', async (_name, posted, duration) => {
      const asset = await newAsset();
      const response = await post('v2_0', 'postMeterData', { type: 'PostMeterDataRequest', connection: asset.address, values: posted, start: '2020-01-01T00:00:00Z', duration, unit: 'MW' });
      expectError(response, 400, 'REQUIRED_INFO_MISSING');
      expect(await fx.countBeliefs([asset.id])).toBe(0);
    });

    describe('downsampling on GET', () => {
      let asset: { id: number; address: string };
      const ask = (resolution?: string) => ({
        type: 'GetMeterDataRequest',
        connection: asset.address,
        start: '2020-01-02T00:00:00Z',
        duration: 'PT2H',
        unit: 'MW',
        ...(resolution ? { resolution } : {}),
      });

      beforeAll(async () => {
        asset = await newAsset();
        ok(await post('v2_0', 'postMeterData', { type: 'PostMeterDataRequest', connection: asset.address, values: [1, 2, 3, 4, 5, 6, 7, 8], start: '2020-01-02T00:00:00Z', duration: 'PT2H', unit: 'MW' }));
      });

      it.each([
        [undefined, 'PT15M', [1, 2, 3, 4, 5, 6, 7, 8]],
        ['PT30M', 'PT30M', [1.5, 3.5, 5.5, 7.5]],
        ['PT1H', 'PT1H', [2.5, 6.5]],
        ['PT2H', 'PT2H', [4.5]],
      ])('resolution %s → %s averages', async (resolution, answered, expected) => {
        const response = await get('v2_0', 'getMeterData', ask(resolution));
        expect(response.status).toBe(200);
        expect(response.body).toMatchObject({ resolution: answered, values: expected, start: '2020-01-02T00:00:00Z', duration: 'PT2H' });
      });

      it.each(['PT20M', 'PT5M', 'PT25M'])('resolution %s (not a multiple of 15 minutes) → 400 INVALID_RESOLUTION', async (resolution) => {
        expectError(await get('v2_0', 'getMeterData', ask(resolution)), 400, 'INVALID_RESOLUTION');
      });
    });
  });

  describe('GET horizon and prior filters select the right belief', () => {
    let asset: { id: number; address: string };
    const window = { start: '2020-03-01T12:00:00Z', duration: 'PT1H', unit: 'MW' };

    beforeAll(async () => {
      asset = await newAsset();
      const common = { connection: asset.address, ...window };
      // Belief times 00:15–01:00 (h = 12 h), 06:15–07:00 (h = 6 h) and 12:45–13:30 (h = -30 min).
      ok(await post('v2_0', 'postPrognosis', { type: 'PostPrognosisRequest', ...common, values: [1, 1, 1, 1], horizon: 'PT12H' }));
      ok(await post('v2_0', 'postPrognosis', { type: 'PostPrognosisRequest', ...common, values: [2, 2, 2, 2], horizon: 'PT6H' }));
      ok(await post('v2_0', 'postMeterData', { type: 'PostMeterDataRequest', ...common, values: [3, 3, 3, 3], horizon: '-PT30M' }));
      expect(await fx.countBeliefs([asset.id])).toBe(12);
    });

    const n = null;
    it.each([
      ['v2_0', 'getMeterData', {}, [3, 3, 3, 3]],
      ['v2_0', 'getMeterData', { horizon: 'PT6H' }, [2, 2, 2, 2]],
      ['v2_0', 'getMeterData', { horizon: 'PT7H' }, [1, 1, 1, 1]],
      ['v2_0', 'getMeterData', { horizon: 'PT12H' }, [1, 1, 1, 1]],
      ['v2_0', 'getMeterData', { horizon: 'PT13H' }, [n, n, n, n]],
      ['v2_0', 'getMeterData', { horizon: 'PT0H' }, [2, 2, 2, 2]],
      ['v2_0', 'getMeterData', { horizon: '-PT1H' }, [3, 3, 3, 3]],
      ['v2_0', 'getMeterData', { horizon: '-PT30M' }, [3, 3, 3, 3]],
      ['v2_0', 'getMeterData', { horizon: '-PT10M' }, [2, 2, 2, 2]],
      ['v2_0', 'getMeterData', { horizon: 'R/PT6H' }, [2, 2, 2, 2]],
      ['v2_0', 'getMeterData', { prior: '2020-03-01T05:00:00Z' }, [1, 1, 1, 1]],
      ['v2_0', 'getMeterData', { prior: '2020-03-01T12:00:00Z' }, [2, 2, 2, 2]],
      // Strictly before the prior: the 06:30 belief is not, the 06:15 one is.
      ['v2_0', 'getMeterData', { prior: '2020-03-01T06:30:00Z' }, [2, 1, 1, 1]],
      ['v2_0', 'getMeterData', { prior: '2020-03-01T00:15:00Z' }, [n, n, n, n]],
      // 13:00 UTC: of the readings (12:45–13:30) only the first was made before.
      ['v2_0', 'getMeterData', { prior: '2020-03-01T14:00:00+01:00' }, [3, 2, 2, 2]],
      ['v2_0', 'getMeterData', { prior: '2020-03-01T12:00:00Z', horizon: 'PT7H' }, [1, 1, 1, 1]],
      ['v2_0', 'getMeterData', { prior: '2020-03-01T06:30:00Z', horizon: 'PT6H' }, [2, 1, 1, 1]],
      // getPrognosis: only beliefs formed before the event ended.
      ['v2_0', 'getPrognosis', {}, [2, 2, 2, 2]],
      ['v2_0', 'getPrognosis', { horizon: 'PT7H' }, [1, 1, 1, 1]],
      ['v2_0', 'getPrognosis', { prior: '2020-03-01T06:30:00Z' }, [2, 1, 1, 1]],
      // GET horizons are rolling in every version (§21.4), R/ or not.
      ['v1_3', 'getMeterData', { horizon: 'PT6H' }, [2, 2, 2, 2]],
      ['v1_3', 'getMeterData', { horizon: 'R/PT7H' }, [1, 1, 1, 1]],
      ['v1', 'getMeterData', { prior: '2020-03-01T06:30:00Z' }, [2, 1, 1, 1]],
      ['v1_1', 'getPrognosis', { horizon: 'PT6H' }, [2, 2, 2, 2]],
    ] as const)('%s %s %j → %j', async (version, service, filters, expected) => {
      const type = service === 'getMeterData' ? 'GetMeterDataRequest' : 'GetPrognosisRequest';
      const response = await get(version, service, { type, connection: asset.address, ...window, ...filters });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ connection: asset.address, values: expected, start: '2020-03-01T12:00:00Z', duration: 'PT1H', resolution: 'PT15M', unit: 'MW' });
    });
  });

  describe('source filters', () => {
    let asset: { id: number; address: string };
    const ask = (sources?: unknown) => ({
      type: 'GetMeterDataRequest',
      connection: asset.address,
      start: '2020-04-01T00:00:00Z',
      duration: 'PT30M',
      unit: 'MW',
      ...(sources === undefined ? {} : { sources }),
    });

    beforeAll(async () => {
      asset = await newAsset();
      const message = { type: 'PostMeterDataRequest', connection: asset.address, start: '2020-04-01T00:00:00Z', duration: 'PT30M', unit: 'MW' };
      ok(await post('v2_0', 'postMeterData', { ...message, values: [1, 1], prior: '2020-04-01T01:00:00Z' }, owner));
      ok(await post('v2_0', 'postMeterData', { ...message, values: [2, 2], prior: '2020-04-01T02:00:00Z' }, admin));
    });

    it('stores each poster as a data source of type user', async () => {
      const rows = await fx.beliefs(asset.id);
      const ownerSource = await fx.sourceOf(owner.id);
      const adminSource = await fx.sourceOf(admin.id);
      expect(ownerSource).not.toBe(adminSource);
      expect(rows.map((row) => [row.value, row.sourceId])).toEqual([
        [1, ownerSource],
        [2, adminSource],
        [1, ownerSource],
        [2, adminSource],
      ]);
    });

    it.each([
      ['no source: the latest belief', () => undefined, [2, 2]],
      ['the owner by user id', () => String(owner.id), [1, 1]],
      ['the admin by user id', () => String(admin.id), [2, 2]],
      ['the role Prosumer', () => 'Prosumer', [1, 1]],
      ['the role MDC', () => 'MDC', [2, 2]],
      ['MDC or the owner: the latest of the two', () => `MDC,${owner.id}`, [2, 2]],
      ['a role that matches no data plus the owner', () => `Supplier,${owner.id}`, [1, 1]],
    ])('in the query string: %s', async (_name, sources, expected) => {
      const response = await get('v2_0', 'getMeterData', ask(sources()));
      expect({ http: response.status, values: response.body.values }).toEqual({ http: 200, values: expected });
    });

    it('as a JSON list (§14.3: "sources": ["MDC", "42"]) and with the singular key', async () => {
      const list = await fx.getWithBody('v2_0', 'getMeterData', ask(['Prosumer', owner.id]), { token: owner.token });
      expect({ http: list.status, values: list.body.values }).toEqual({ http: 200, values: [1, 1] });
      const { sources: _unused, ...rest } = ask();
      const singular = await fx.getWithBody('v2_0', 'getMeterData', { ...rest, source: 'MDC' }, { token: owner.token });
      expect({ http: singular.status, values: singular.body.values }).toEqual({ http: 200, values: [2, 2] });
    });

    it.each([['Aggregator'], ['99999'], ['nobody-at-all']])('a source that matches nothing (%s) → 400 INVALID_SOURCE', async (sources) => {
      expectError(await get('v2_0', 'getMeterData', ask(sources)), 400, 'INVALID_SOURCE');
    });
  });

  describe('signs (USEF: consumption positive, production negative)', () => {
    const message = (address: string, values: number[]) => ({ type: 'PostMeterDataRequest', connection: address, values, start: '2020-05-01T00:00:00Z', duration: 'PT30M', unit: 'MW' });

    it.each([
      ['solar', [1, -1]],
      ['wind', [0.5, 0]],
      ['charging_station', [-1, 1]],
      ['building', [2, -0.1]],
    ])('a pure %s asset refuses values of the wrong sign: 4xx, nothing stored', async (type, wrong) => {
      const asset = await newAsset(type);
      const response = await post('v2_0', 'postMeterData', message(asset.address, wrong));
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(Object.keys(response.body)).toEqual(expect.arrayContaining(['status', 'message']));
      expect(await fx.countBeliefs([asset.id])).toBe(0);
      // The right sign is fine.
      const right = type === 'solar' || type === 'wind' ? [-1, 0] : [1, 0];
      ok(await post('v2_0', 'postPrognosis', { ...message(asset.address, right), type: 'PostPrognosisRequest' }));
    });

    it('a battery (consumer and producer) takes both signs', async () => {
      const asset = await newAsset('battery');
      ok(await post('v2_0', 'postMeterData', message(asset.address, [-1, 1])));
      expect(await values(asset.id)).toEqual([-1, 1]);
    });

    it('one wrong group stops the whole message: nothing stored for the right one either', async () => {
      const consumer = await newAsset('charging_station');
      const producer = await newAsset('solar');
      const response = await post('v2_0', 'postMeterData', {
        type: 'PostMeterDataRequest',
        groups: [
          { connection: consumer.address, values: [1, 1] },
          { connection: producer.address, values: [1, 1] },
        ],
        start: '2020-05-01T00:00:00Z',
        duration: 'PT30M',
        unit: 'MW',
      });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(await fx.countBeliefs([consumer.id, producer.id])).toBe(0);
    });
  });

  describe('units', () => {
    const meter = (address: string, value: number, unit: string) => ({ type: 'PostMeterDataRequest', connection: address, value, start: '2020-06-01T00:00:00Z', duration: 'PT15M', unit });

    it.each([
      ['kW on a MW asset', 'MW', 1500, 'kW', 1.5],
      ['W on a MW asset', 'MW', 2_000_000, 'W', 2],
      ['MW on a kW asset', 'kW', 1.5, 'MW', 1500],
      ['W on a kW asset', 'kW', 2500, 'W', 2.5],
    ])('v2_0 converts %s into the asset unit', async (_name, assetUnit, posted, unit, stored) => {
      const asset = await newAsset('charging_station', { unit: assetUnit });
      ok(await post('v2_0', 'postMeterData', meter(asset.address, posted, unit)));
      expect(await values(asset.id)).toEqual([stored]);
    });

    it('v1.x takes MW only (§14.4.8): kW and W → 400 INVALID_UNIT, nothing stored; MW is converted into a kW asset', async () => {
      const asset = await newAsset('charging_station', { unit: 'kW' });
      for (const version of ['v1', 'v1_3'] as const) {
        for (const unit of ['kW', 'W', 'mW']) expectError(await post(version, 'postMeterData', meter(asset.address, 1, unit)), 400, 'INVALID_UNIT');
      }
      expect(await fx.countBeliefs([asset.id])).toBe(0);
      ok(await post('v1_3', 'postMeterData', meter(asset.address, 0.5, 'MW')));
      expect(await values(asset.id)).toEqual([500]);
    });

    it.each([
      ['v2_0', 'EUR/kWh'],
      ['v2_0', 'MW'],
      ['v1_3', 'KRW/kWh'],
      ['v2_0', undefined],
    ])('prices on %s in %s (the market is in EUR/MWh) → 400 INVALID_UNIT', async (version, unit) => {
      const before = await fx.countBeliefs([epex]);
      const response = await post(version as Version, 'postPriceData', {
        type: 'PostPriceDataRequest',
        market: `${LOCAL}:epex_da`,
        values: [50, 51],
        start: '2020-06-01T00:00:00Z',
        duration: 'PT2H',
        horizon: 'PT12H',
        ...(unit === undefined ? {} : { unit }),
      });
      expectError(response, 400, 'INVALID_UNIT');
      expect(await fx.countBeliefs([epex])).toBe(before);
    });

    it.each([['°F'], ['K'], ['C'], ['MW']])('weather in %s (the sensor is in °C) → 400 INVALID_UNIT', async (unit) => {
      const before = await fx.countBeliefs([temperature]);
      const response = await post('v2_0', 'postWeatherData', {
        type: 'PostWeatherDataRequest',
        sensor: `${LOCAL}:temperature:52:5`,
        values: [20, 21],
        start: '2020-06-01T00:00:00Z',
        duration: 'PT30M',
        horizon: 'PT1H',
        unit,
      });
      expectError(response, 400, 'INVALID_UNIT');
      expect(await fx.countBeliefs([temperature])).toBe(before);
    });

    describe('GET in another unit', () => {
      let asset: { id: number; address: string };
      const ask = (unit: string) => ({ type: 'GetMeterDataRequest', connection: asset.address, start: '2020-06-01T00:00:00Z', duration: 'PT15M', unit });

      beforeAll(async () => {
        asset = await newAsset();
        ok(await post('v2_0', 'postMeterData', meter(asset.address, 1.5, 'MW')));
      });

      it.each([
        ['MW', 1.5],
        ['kW', 1500],
        ['W', 1_500_000],
      ])('v2_0 in %s', async (unit, expected) => {
        const response = await get('v2_0', 'getMeterData', ask(unit));
        expect(response.body).toMatchObject({ unit, values: [expected] });
      });

      it('v2_0 in a unit that is not power → 400 INVALID_UNIT', async () => {
        expectError(await get('v2_0', 'getMeterData', ask('EUR/MWh')), 400, 'INVALID_UNIT');
      });

      it('v1_3 in kW → 400 INVALID_UNIT (v1.x is MW only, §14.4.8)', async () => {
        expectError(await get('v1_3', 'getMeterData', ask('kW')), 400, 'INVALID_UNIT');
      });

      describe('a kW asset read through v1.x (which speaks MW only, §14.4.8)', () => {
        let kW: { id: number; address: string };
        beforeAll(async () => {
          kW = await newAsset('charging_station', { unit: 'kW' });
          ok(await post('v2_0', 'postMeterData', meter(kW.address, 1500, 'kW')));
        });

        it.each(['v1', 'v1_3'] as const)('%s in MW, as the seed\'s GET examples ask', async (version) => {
          const response = await get(version, 'getMeterData', { ...ask('MW'), connection: kW.address });
          expect({ http: response.status, body: response.body }).toMatchObject({ http: 200, body: { unit: 'MW', values: [1.5] } });
        });

        it('v1_3 without a unit: answered in MW', async () => {
          const { unit: _unused, ...withoutUnit } = { ...ask('MW'), connection: kW.address };
          const response = await get('v1_3', 'getMeterData', withoutUnit);
          expect({ http: response.status, body: response.body }).toMatchObject({ http: 200, body: { unit: 'MW', values: [1.5] } });
        });

        it('v2_0 in kW and MW', async () => {
          expect((await get('v2_0', 'getMeterData', { ...ask('kW'), connection: kW.address })).body).toMatchObject({ unit: 'kW', values: [1500] });
          expect((await get('v2_0', 'getMeterData', { ...ask('MW'), connection: kW.address })).body).toMatchObject({ unit: 'MW', values: [1.5] });
        });
      });
    });
  });

  describe('idempotency and history', () => {
    const window = { start: '2020-07-01T00:00:00Z', duration: 'PT30M', unit: 'MW' };

    it.each([
      ['v2_0', 'postPrognosis', { horizon: 'PT6H' }],
      ['v2_0', 'postPrognosis', { prior: '2020-06-30T12:00:00Z' }],
      ['v2_0', 'postMeterData', { horizon: '-PT5M', prior: '2020-07-01T00:20:00Z' }],
      ['v1_3', 'postPrognosis', { horizon: 'PT7H30M' }],
      ['v1', 'postMeterData', { horizon: '-PT5M' }],
    ] as const)('%s %s with %j twice: nothing new, ALREADY_RECEIVED_AND_SUCCESSFULLY_PROCESSED', async (version, service, timing) => {
      const asset = await newAsset();
      const type = service === 'postMeterData' ? 'PostMeterDataRequest' : 'PostPrognosisRequest';
      const message = { type, connection: asset.address, values: [1, 2], ...window, ...timing };
      const first = await post(version, service, message);
      expect(first.body).toEqual({ type: type.replace('Request', 'Response'), status: 'PROCESSED', message: 'Request has been processed.' });
      const rows = await fx.beliefs(asset.id);
      expect(rows).toHaveLength(2);
      const again = await post(version, service, message);
      expect({ http: again.status, type: again.body.type, status: again.body.status }).toEqual({
        http: 200,
        type: type.replace('Request', 'Response'),
        status: 'ALREADY_RECEIVED_AND_SUCCESSFULLY_PROCESSED',
      });
      expect(await fx.beliefs(asset.id)).toEqual(rows);
    });

    it('prices and weather posted twice: nothing new', async () => {
      const prices = { type: 'PostPriceDataRequest', market: `${LOCAL}:epex_da`, values: [40, 41], start: '2020-07-01T00:00:00Z', duration: 'PT2H', prior: '2020-06-30T12:00:00Z', unit: 'EUR/MWh' };
      const weather = { type: 'PostWeatherDataRequest', sensor: `${LOCAL}:temperature:52:5`, values: [18, 19], start: '2020-07-01T00:00:00Z', duration: 'PT30M', horizon: 'PT0H', unit: '°C' };
      ok(await post('v2_0', 'postPriceData', prices));
      ok(await post('v2_0', 'postWeatherData', weather));
      const counts = [await fx.countBeliefs([epex]), await fx.countBeliefs([temperature])];
      ok(await post('v2_0', 'postPriceData', prices), 'ALREADY_RECEIVED_AND_SUCCESSFULLY_PROCESSED');
      ok(await post('v2_0', 'postWeatherData', weather), 'ALREADY_RECEIVED_AND_SUCCESSFULLY_PROCESSED');
      expect([await fx.countBeliefs([epex]), await fx.countBeliefs([temperature])]).toEqual(counts);
    });

    it('without horizon or prior each arrival is a new belief (believed when it arrived)', async () => {
      const asset = await newAsset();
      const message = { type: 'PostMeterDataRequest', connection: asset.address, values: [1, 2], ...window };
      ok(await post('v2_0', 'postMeterData', message));
      await new Promise((resolve) => setTimeout(resolve, 5));
      ok(await post('v2_0', 'postMeterData', message));
      expect(await fx.countBeliefs([asset.id])).toBe(4);
    });

    describe('a newer belief keeps the older one ("time travel" with prior)', () => {
      let asset: { id: number; address: string };
      const prognosis = (values: number[], prior: string) => ({ type: 'PostPrognosisRequest', connection: asset.address, values, ...window, prior });
      const ask = (prior?: string) => ({ type: 'GetPrognosisRequest', connection: asset.address, ...window, ...(prior ? { prior } : {}) });

      beforeAll(async () => {
        asset = await newAsset();
        ok(await post('v2_0', 'postPrognosis', prognosis([5, 5], '2020-06-30T10:00:00Z')));
        ok(await post('v2_0', 'postPrognosis', prognosis([6, 6], '2020-06-30T14:00:00Z')));
      });

      it('stores both beliefs', async () => {
        expect((await fx.beliefs(asset.id)).map((row) => [row.beliefTime, row.value])).toEqual([
          ['2020-06-30T10:00:00Z', 5],
          ['2020-06-30T14:00:00Z', 6],
          ['2020-06-30T10:00:00Z', 5],
          ['2020-06-30T14:00:00Z', 6],
        ]);
      });

      it.each([
        [undefined, [6, 6]],
        ['2020-06-30T14:00:01Z', [6, 6]],
        ['2020-06-30T14:00:00Z', [5, 5]],
        ['2020-06-30T12:00:00Z', [5, 5]],
        ['2020-06-30T10:00:00Z', [null, null]],
      ])('GET with prior %s → %j', async (prior, expected) => {
        const response = await get('v2_0', 'getPrognosis', ask(prior));
        expect({ http: response.status, values: response.body.values }).toEqual({ http: 200, values: expected });
      });

      it('the same belief with another value → 400 INVALID_REPLACEMENT, nothing written', async () => {
        const before = await fx.beliefs(asset.id);
        const response = await post('v2_0', 'postPrognosis', prognosis([7, 5], '2020-06-30T10:00:00Z'));
        expectError(response, 400, 'INVALID_REPLACEMENT');
        expect(await fx.beliefs(asset.id)).toEqual(before);
        expect((await get('v2_0', 'getPrognosis', ask('2020-06-30T12:00:00Z'))).body.values).toEqual([5, 5]);
      });

      it('a message with known and new values stores the new ones only', async () => {
        const before = await fx.countBeliefs([asset.id]);
        const response = await post('v2_0', 'postPrognosis', { ...prognosis([5, 5, 9], '2020-06-30T10:00:00Z'), duration: 'PT45M' });
        ok(response);
        expect(await fx.countBeliefs([asset.id])).toBe(before + 1);
      });
    });
  });

  describe('error statuses', () => {
    let mine: { id: number; address: string };
    let theirs: number;

    beforeAll(async () => {
      mine = await newAsset();
      theirs = await fx.asset({ owner: other.id, type: 'charging_station' });
    });

    const meter = (fields: Record<string, unknown> = {}) => ({ type: 'PostMeterDataRequest', connection: mine.address, values: [1, 2], start: '2020-08-01T00:00:00Z', duration: 'PT30M', unit: 'MW', ...fields });
    const getMeter = (fields: Record<string, unknown> = {}) => ({ type: 'GetMeterDataRequest', connection: mine.address, start: '2020-08-01T00:00:00Z', duration: 'PT30M', unit: 'MW', ...fields });
    const without = (message: Record<string, unknown>, field: string) => Object.fromEntries(Object.entries(message).filter(([key]) => key !== field));
    const http = () => fx.auth.http();

    interface ErrorCase {
      readonly name: string;
      readonly send: () => Promise<Response>;
      readonly http: number;
      readonly status: string;
      /** Part of the message that must be there. */
      readonly mentions?: () => string;
    }

    const CASES: ErrorCase[] = [
      { name: 'naive start (POST)', send: () => post('v2_0', 'postMeterData', meter({ start: '2020-08-01T00:00:00' })), http: 400, status: 'INVALID_TIMEZONE' },
      { name: 'naive prior (POST)', send: () => post('v2_0', 'postPrognosis', meter({ type: 'PostPrognosisRequest', prior: '2020-07-31T12:00:00' })), http: 400, status: 'INVALID_TIMEZONE' },
      {
        name: 'naive timeseries start (POST)',
        send: () => post('v2_0', 'postMeterData', without(meter({ timeseries: [{ value: 1, start: '2020-08-01T00:00:00', duration: 'PT15M' }] }), 'values')),
        http: 400,
        status: 'INVALID_TIMEZONE',
      },
      { name: 'naive start (GET)', send: () => get('v2_0', 'getMeterData', getMeter({ start: '2020-08-01T00:00:00' })), http: 400, status: 'INVALID_TIMEZONE' },
      { name: 'naive prior (GET)', send: () => get('v2_0', 'getMeterData', getMeter({ prior: '2020-08-01T00:00:00' })), http: 400, status: 'INVALID_TIMEZONE' },
      { name: 'another message type (POST)', send: () => post('v2_0', 'postMeterData', meter({ type: 'PostPrognosisRequest' })), http: 400, status: 'INVALID_MESSAGE_TYPE' },
      { name: 'no message type (POST)', send: () => post('v1', 'postMeterData', without(meter(), 'type')), http: 400, status: 'INVALID_MESSAGE_TYPE' },
      { name: 'another message type (GET)', send: () => get('v2_0', 'getPrognosis', getMeter()), http: 400, status: 'INVALID_MESSAGE_TYPE' },
      { name: 'a foreign domain (POST)', send: () => post('v2_0', 'postMeterData', meter({ connection: `ea1.2018-06.com.example:${owner.id}:${mine.id}` })), http: 400, status: 'INVALID_DOMAIN' },
      { name: 'another date code (POST)', send: () => post('v1_3', 'postMeterData', meter({ connection: `ea1.2019-01.localhost:${owner.id}:${mine.id}` })), http: 400, status: 'INVALID_DOMAIN' },
      { name: 'a foreign domain (GET)', send: () => get('v2_0', 'getMeterData', getMeter({ connection: `ea1.2018-06.io.flexmeasures.company:${owner.id}:${mine.id}` })), http: 400, status: 'INVALID_DOMAIN' },
      {
        name: 'a foreign domain for a market',
        send: () => post('v2_0', 'postPriceData', { type: 'PostPriceDataRequest', market: 'ea1.2018-06.com.example:epex_da', value: 1, start: '2020-08-01T00:00:00Z', duration: 'PT1H', horizon: 'PT1H', unit: 'EUR/MWh' }),
        http: 400,
        status: 'INVALID_DOMAIN',
      },
      { name: 'an unknown asset (POST)', send: () => post('v2_0', 'postMeterData', meter({ connection: `${LOCAL}:${owner.id}:99999` })), http: 400, status: 'UNRECOGNIZED_ASSET' },
      { name: "someone else's asset (POST)", send: () => post('v2_0', 'postMeterData', meter({ connection: DataFixture.connection(other.id, theirs) })), http: 400, status: 'UNRECOGNIZED_ASSET' },
      { name: "someone else's asset (GET)", send: () => get('v2_0', 'getMeterData', getMeter({ connection: DataFixture.connection(other.id, theirs) })), http: 400, status: 'UNRECOGNIZED_ASSET' },
      { name: 'my asset under another owner id', send: () => post('v2_0', 'postMeterData', meter({ connection: DataFixture.connection(other.id, mine.id) })), http: 400, status: 'UNRECOGNIZED_ASSET' },
      { name: 'my asset, asked by someone else', send: () => post('v2_0', 'postMeterData', meter(), other), http: 400, status: 'UNRECOGNIZED_ASSET' },
      {
        name: 'a known and an unknown group: nothing stored for either',
        send: () =>
          post('v2_0', 'postMeterData', {
            ...without(without(meter(), 'connection'), 'values'),
            groups: [
              { connection: mine.address, values: [1, 2] },
              { connection: `${LOCAL}:${owner.id}:99999`, values: [1, 2] },
            ],
          }),
        http: 400,
        status: 'UNRECOGNIZED_ASSET',
      },
      { name: 'an unparseable connection (letters)', send: () => post('v2_0', 'postMeterData', meter({ connection: `${LOCAL}:CS 1` })), http: 400, status: 'UNRECOGNIZED_CONNECTION_GROUP' },
      { name: 'an unparseable connection (too many fields)', send: () => post('v1_3', 'postMeterData', meter({ connection: `${LOCAL}:1:2:3` })), http: 400, status: 'UNRECOGNIZED_CONNECTION_GROUP' },
      { name: 'an unparseable connection (GET)', send: () => get('v1', 'getMeterData', getMeter({ connection: 'CS 1' })), http: 400, status: 'UNRECOGNIZED_CONNECTION_GROUP' },
      {
        name: 'an unknown market',
        send: () => post('v2_0', 'postPriceData', { type: 'PostPriceDataRequest', market: `${LOCAL}:nord_pool`, value: 1, start: '2020-08-01T00:00:00Z', duration: 'PT1H', horizon: 'PT1H', unit: 'EUR/MWh' }),
        http: 400,
        status: 'UNRECOGNIZED_MARKET',
      },
      {
        name: 'an unknown weather sensor (the message names the nearest)',
        send: () => post('v2_0', 'postWeatherData', { type: 'PostWeatherDataRequest', sensor: `${LOCAL}:temperature:52.1:5.1`, value: 1, start: '2020-08-01T00:00:00Z', duration: 'PT15M', horizon: 'PT1H', unit: '°C' }),
        http: 400,
        status: 'UNRECOGNIZED_SENSOR',
        mentions: () => `${LOCAL}:temperature:52:5`,
      },
      { name: 'no connection (POST)', send: () => post('v2_0', 'postMeterData', without(meter(), 'connection')), http: 400, status: 'REQUIRED_INFO_MISSING' },
      { name: 'no start (POST)', send: () => post('v1_1', 'postPrognosis', without(meter({ type: 'PostPrognosisRequest' }), 'start')), http: 400, status: 'REQUIRED_INFO_MISSING' },
      { name: 'no connection (GET)', send: () => get('v2_0', 'getMeterData', without(getMeter(), 'connection')), http: 400, status: 'REQUIRED_INFO_MISSING' },
      { name: 'no start (GET)', send: () => get('v1_2', 'getPrognosis', without(getMeter({ type: 'GetPrognosisRequest' }), 'start')), http: 400, status: 'REQUIRED_INFO_MISSING' },
      { name: 'values that are not numbers', send: () => post('v2_0', 'postMeterData', meter({ values: ['a', 'b'] })), http: 422, status: 'UNPROCESSABLE_ENTITY' },
      { name: 'a value that is null', send: () => post('v2_0', 'postMeterData', meter({ values: [1, null] })), http: 422, status: 'UNPROCESSABLE_ENTITY' },
      { name: 'values as a string', send: () => post('v1', 'postMeterData', meter({ values: '1,2' })), http: 422, status: 'UNPROCESSABLE_ENTITY' },
      { name: 'GET on postMeterData', send: () => http().get('/api/v2_0/postMeterData').set('Authorization', owner.token), http: 405, status: 'INVALID_METHOD' },
      { name: 'GET on postWeatherData', send: () => http().get('/api/v1_3/postWeatherData').set('Authorization', owner.token), http: 405, status: 'INVALID_METHOD' },
      { name: 'POST on getPrognosis', send: () => http().post('/api/v2_0/getPrognosis').set('Authorization', owner.token).send(getMeter()), http: 405, status: 'INVALID_METHOD' },
      { name: 'POST on getMeterData after v1', send: () => http().post('/api/v1_1/getMeterData').set('Authorization', owner.token).send(getMeter()), http: 405, status: 'INVALID_METHOD' },
      { name: 'PUT on postPriceData', send: () => http().put('/api/v2_0/postPriceData').set('Authorization', owner.token).send({}), http: 405, status: 'INVALID_METHOD' },
      {
        name: `a request above MAX_CONTENT_LENGTH (${MAX_CONTENT_LENGTH})`,
        send: () => post('v2_0', 'postMeterData', meter({ values: new Array(20_000).fill(1.2345), duration: 'PT5000H' })),
        http: 413,
        status: 'PAYLOAD_TOO_LARGE',
      },
    ];

    it.each(CASES.map((errorCase) => [errorCase.name, errorCase] as const))('%s', async (_name, errorCase) => {
      const before = await fx.countBeliefs();
      const response = await errorCase.send();
      expectError(response, errorCase.http, errorCase.status);
      if (errorCase.mentions) expect(response.body.message).toContain(errorCase.mentions());
      expect(await fx.countBeliefs()).toBe(before);
    });

    it('every error answer holds exactly a status name and a message', async () => {
      const extraKeys: Record<string, string[]> = {};
      for (const errorCase of CASES) {
        const response = await errorCase.send();
        const extra = Object.keys(response.body).filter((key) => key !== 'status' && key !== 'message');
        if (extra.length > 0) extraKeys[errorCase.name] = extra;
      }
      expect(extraKeys).toEqual({});
    });
  });

  describe('what sets v1.x apart', () => {
    const window = { start: '2016-05-01T13:00:00Z', duration: 'PT45M', unit: 'MW' };

    it.each(['v1', 'v1_1', 'v1_2', 'v1_3'] as const)('%s takes the simplified connections <owner id>:<asset id> and <asset id>', async (version) => {
      const asset = await newAsset();
      ok(await post(version, 'postMeterData', { type: 'PostMeterDataRequest', connection: `${owner.id}:${asset.id}`, values: [1, 2, 3], ...window, horizon: '-PT5M' }));
      ok(await post(version, 'postMeterData', { type: 'PostMeterDataRequest', connection: `${asset.id}`, values: [1, 2, 3], ...window, horizon: '-PT1M' }));
      expect(await fx.countBeliefs([asset.id])).toBe(6);
      const response = await get(version, 'getMeterData', { type: 'GetMeterDataRequest', connection: String(asset.id), ...window });
      expect(response.body).toMatchObject({ connection: String(asset.id), values: [1, 2, 3] });
    });

    it('v2_0 refuses the simplified connections: 400 INVALID_DOMAIN', async () => {
      const asset = await newAsset();
      for (const connection of [`${owner.id}:${asset.id}`, `${asset.id}`]) {
        expectError(await post('v2_0', 'postMeterData', { type: 'PostMeterDataRequest', connection, values: [1, 2, 3], ...window }), 400, 'INVALID_DOMAIN');
        expectError(await get('v2_0', 'getMeterData', { type: 'GetMeterDataRequest', connection, ...window }), 400, 'INVALID_DOMAIN');
      }
      expect(await fx.countBeliefs([asset.id])).toBe(0);
    });

    it.each([
      ['R/PT6H (rolling)', 'R/PT6H', ['2016-05-01T07:15:00Z', '2016-05-01T07:30:00Z', '2016-05-01T07:45:00Z']],
      ['PT6H (before the end of the whole period)', 'PT6H', ['2016-05-01T07:45:00Z', '2016-05-01T07:45:00Z', '2016-05-01T07:45:00Z']],
      ['-PT10M (after the end of the whole period)', '-PT10M', ['2016-05-01T13:55:00Z', '2016-05-01T13:55:00Z', '2016-05-01T13:55:00Z']],
      ['R/-PT10M (rolling, after each event)', 'R/-PT10M', ['2016-05-01T13:25:00Z', '2016-05-01T13:40:00Z', '2016-05-01T13:55:00Z']],
    ])('v1_3 horizon %s', async (_name, horizon, expected) => {
      const asset = await newAsset();
      ok(await post('v1_3', 'postPrognosis', { type: 'PostPrognosisRequest', connection: asset.address, values: [10, 5, 8], ...window, horizon }));
      expect(await beliefTimes(asset.id)).toEqual(expected);
    });

    it('v1_3 has no prior field: the values are believed on arrival', async () => {
      const asset = await newAsset();
      const before = Date.now();
      ok(await post('v1_3', 'postPrognosis', { type: 'PostPrognosisRequest', connection: asset.address, values: [10, 5, 8], ...window, prior: '2016-05-01T07:45:00Z' }));
      const after = Date.now();
      for (const time of (await beliefTimes(asset.id)).map(Date.parse)) {
        expect(time).toBeGreaterThanOrEqual(before);
        expect(time).toBeLessThanOrEqual(after);
      }
    });

    it('v1.x meter data are observations: a positive horizon is refused, nothing stored', async () => {
      const asset = await newAsset();
      const response = await post('v1_3', 'postMeterData', { type: 'PostMeterDataRequest', connection: asset.address, values: [10, 5, 8], ...window, horizon: 'PT1H' });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(await fx.countBeliefs([asset.id])).toBe(0);
    });

    it('v1 getMeterData as a POST with a JSON body', async () => {
      const asset = await newAsset();
      ok(await post('v1', 'postMeterData', { type: 'PostMeterDataRequest', connection: asset.address, values: [10, 5, 8], ...window }));
      const response = await fx.post('v1', 'getMeterData', { type: 'GetMeterDataRequest', connection: asset.address, ...window, resolution: 'PT45M' }, { token: owner.token });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        type: 'GetMeterDataResponse',
        status: 'PROCESSED',
        message: 'Request has been processed.',
        connection: asset.address,
        values: [23 / 3],
        start: '2016-05-01T13:00:00Z',
        duration: 'PT45M',
        resolution: 'PT45M',
        unit: 'MW',
      });
    });

    it('several connections come back as groups', async () => {
      const a = await newAsset();
      const b = await newAsset();
      ok(await post('v1', 'postMeterData', { type: 'PostMeterDataRequest', groups: [{ connection: a.address, values: [1, 2, 3] }, { connection: b.address, values: [4, 5, 6] }], ...window }));
      const response = await fx.post('v1', 'getMeterData', { type: 'GetMeterDataRequest', connections: [a.address, b.address], ...window }, { token: owner.token });
      expect(response.body).toMatchObject({
        type: 'GetMeterDataResponse',
        groups: [
          { connection: a.address, values: [1, 2, 3] },
          { connection: b.address, values: [4, 5, 6] },
        ],
      });
    });
  });
});
